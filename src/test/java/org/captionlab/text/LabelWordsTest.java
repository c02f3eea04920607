package org.captionlab.text;

import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelWordsTest {

    private static final LabelWords LW = LabelWords.standard();

    /** First phrase of a class, joined. */
    private static String first(String label) {
        List<List<String>> w = LW.wordsFor(label);
        assertThat(w).as("words for %s", label).isNotEmpty();
        return String.join(" ", w.get(0));
    }

    private static List<String> joined(List<List<String>> phrases) {
        return phrases.stream().map(p -> String.join(" ", p)).toList();
    }

    private static Set<String> defaultVocabulary() throws IOException {
        Set<String> v = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("models/default/vocab.txt"), StandardCharsets.UTF_8)) {
            v.add(line.split("\t", 2)[0]);
        }
        return v;
    }

    @Test
    void coversEveryClassOfTheLabelFileInOrder() throws IOException {
        List<String> lines = Files.readAllLines(SharedAssets.require("encoders/imagenet_labels.txt"),
                StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1001);
        assertThat(LW.classCount()).isEqualTo(1000);
        assertThat(LW.entries()).hasSize(1000);
        for (int i = 1; i <= 1000; i++) {
            LabelWords.ClassWords c = LW.entry(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.label()).as("class %d", i).isEqualTo(lines.get(i));
            assertThat(c.name()).isEqualTo(lines.get(i).split(",", 2)[0].strip());
            assertThat(c.wnid()).matches("n\\d{8}");
            assertThat(c.source()).isNotBlank();
        }
        // WordNet ids strictly increase: the standard ILSVRC-2012 order.
        for (int i = 2; i <= 1000; i++) {
            assertThat(LW.entry(i).wnid()).isGreaterThan(LW.entry(i - 1).wnid());
        }
        assertThat(LW.entry(1).wnid()).isEqualTo("n01440764");
        assertThat(LW.entry(1000).wnid()).isEqualTo("n15075141");
    }

    @Test
    void everyClassIsMappedOrExplicitlyNone() throws IOException {
        List<String> rows = new ArrayList<>();
        try (var in = LabelWords.class.getResourceAsStream(LabelWords.TABLE_RESOURCE)) {
            assertThat(in).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.startsWith("index\t") && !line.isBlank()) {
                    rows.add(line);
                }
            }
        }
        assertThat(rows).hasSize(1000);
        for (String row : rows) {
            String words = row.split("\t", -1)[3];
            assertThat(words).as(row).isNotBlank();
            if (!words.equals("-")) {
                assertThat(words).as(row).doesNotContain("-|").matches("[a-z' -]+( \\| [a-z' -]+)*");
            }
        }
        long none = LW.entries().stream().filter(LabelWords.ClassWords::isNone).count();
        assertThat(none).isBetween(100L, 600L);
        assertThat(LW.wordsFor(0)).as("background").isEmpty();
        assertThatThrownBy(() -> LW.wordsFor(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LW.entry(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catsAreCats() {
        for (String cat : List.of("tabby", "Egyptian cat", "tiger cat", "Persian cat", "Siamese cat")) {
            assertThat(first(cat)).as(cat).isEqualTo("cat");
        }
        assertThat(LW.wordsFor("Egyptian cat")).containsExactly(List.of("cat"));
    }

    @Test
    void everyDogBreedIsADog() {
        assertThat(LW.entry(152).name()).isEqualTo("Chihuahua");
        assertThat(LW.entry(269).name()).isEqualTo("Mexican hairless");
        for (int i = 152; i <= 269; i++) {
            assertThat(LW.wordsFor(i)).as(LW.entry(i).label()).containsExactly(List.of("dog"));
        }
        for (String wild : List.of("dingo", "dhole", "African hunting dog")) {
            assertThat(first(wild)).isEqualTo("dog");
        }
        // Wolves and foxes: their name first, "dog" also accepted (MobileNet says "wolf" for many huskies).
        assertThat(joined(LW.wordsFor("timber wolf"))).containsExactly("wolf", "dog");
        assertThat(joined(LW.wordsFor("red fox"))).containsExactly("fox", "dog");
        assertThat(first("muzzle")).isEqualTo("dog");
    }

    @Test
    void spotChecks() {
        assertThat(LW.wordsFor("hotdog")).containsExactly(List.of("hot", "dog"));
        assertThat(joined(LW.wordsFor("espresso"))).containsExactly("coffee", "espresso");
        assertThat(first("sorrel")).isEqualTo("horse");
        assertThat(joined(LW.wordsFor("ox"))).contains("cow", "ox");
        assertThat(joined(LW.wordsFor("mountain bike"))).containsExactly("bike", "bicycle");
        assertThat(joined(LW.wordsFor("bicycle-built-for-two"))).containsExactly("bike", "bicycle");
        for (String car : List.of("sports car", "convertible", "cab", "jeep", "beach wagon", "Model T", "racer")) {
            assertThat(joined(LW.wordsFor(car))).as(car).contains("car");
        }
        for (String ball : List.of("tennis ball", "soccer ball", "golf ball", "basketball", "volleyball",
                "baseball", "croquet ball", "rugby ball", "ping-pong ball")) {
            assertThat(joined(LW.wordsFor(ball))).as(ball).contains("ball");
        }
        for (String parrot : List.of("African grey", "macaw", "lorikeet")) {
            assertThat(joined(LW.wordsFor(parrot))).as(parrot).startsWith("parrot").contains("bird");
        }
        assertThat(LW.hypernyms("parrot")).startsWith("bird").contains("animal");
        assertThat(joined(LW.wordsFor("great grey owl"))).containsExactly("owl", "bird");
        assertThat(joined(LW.wordsFor("bald eagle"))).containsExactly("eagle", "bird");
        assertThat(first("daisy")).isEqualTo("flower");
        assertThat(first("kite")).as("the bird, never the toy").isNotEqualTo("kite");
        assertThat(joined(LW.wordsFor("kite"))).contains("bird").doesNotContain("kite");
        assertThat(first("seashore")).isEqualTo("beach");
        assertThat(first("moped")).isEqualTo("scooter");
        assertThat(joined(LW.wordsFor("moped"))).contains("motorcycle");
        assertThat(first("missile")).isEqualTo("rocket");
        assertThat(first("rapeseed")).isEqualTo("flower");
        assertThat(first("steam locomotive")).isEqualTo("train");
        assertThat(first("speedboat")).isEqualTo("boat");
        assertThat(first("Granny Smith")).isEqualTo("apple");
        assertThat(joined(LW.wordsFor("cheeseburger"))).contains("burger", "cheeseburger");
        assertThat(LW.wordsFor("potter's wheel").get(0)).containsExactly("potter", "'s", "wheel");
    }

    @Test
    void abstractAndWornThingsAreNone() {
        for (String none : List.of("web site", "comic book", "crossword puzzle", "menu", "book jacket",
                "jersey", "sweatshirt", "cardigan", "suit", "valley", "promontory", "plane", "nail", "screw",
                "maillot", "chain")) {
            assertThat(LW.wordsFor(none)).as(none).isEmpty();
            assertThat(LW.classesNamed(none)).as(none).isNotEmpty();
        }
    }

    @Test
    void labelsThatNameTwoClassesGiveOnlyTheWordsBothAccept() {
        assertThat(LW.classesNamed("crane")).containsExactly(135, 518);
        assertThat(joined(LW.wordsFor(135))).containsExactly("bird", "crane");
        assertThat(joined(LW.wordsFor(518))).containsExactly("crane");
        assertThat(LW.wordsFor("crane")).containsExactly(List.of("crane"));
        assertThat(LW.classesNamed("maillot")).containsExactly(639, 640);
        assertThat(LW.wordsFor("maillot")).isEmpty();
    }

    @Test
    void labelLookupIsExactThenCaseInsensitive() {
        assertThat(LW.classesNamed("Egyptian cat")).containsExactly(286);
        assertThat(LW.classesNamed("egyptian CAT")).containsExactly(286);
        assertThat(LW.classesNamed("  Egyptian cat ")).containsExactly(286);
        assertThat(LW.wordsFor("no such label")).isEmpty();
        assertThat(LW.wordsFor((String) null)).isEmpty();
        assertThat(LW.wordsFor("background")).isEmpty();
    }

    @Test
    void listsAreImmutable() {
        List<List<String>> w = LW.wordsFor("mountain bike");
        assertThatThrownBy(() -> w.add(List.of("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> w.get(0).add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> LW.hypernyms("parrot").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> LW.phrases().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> LW.entries().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void phrasesAreTokenizedLikeCaptions() {
        for (String phrase : LW.phrases()) {
            assertThat(LW.forms(phrase).orElseThrow().tokens()).isEqualTo(Tokenizer.words(phrase));
        }
        for (LabelWords.ClassWords c : LW.entries()) {
            for (List<String> p : c.phrases()) {
                assertThat(p).isNotEmpty().allMatch(t -> t.equals(t.toLowerCase(java.util.Locale.ROOT)));
                assertThat(LW.forms(String.join(" ", p))).as("forms of %s", p).get()
                        .extracting(LabelWords.WordForms::tokens).isEqualTo(p);
            }
        }
        assertThat(LW.forms("potter 's wheel")).get().extracting(LabelWords.WordForms::phrase).isEqualTo("potter's wheel");
    }

    @Test
    void plurals() {
        assertThat(LW.plural("parrot")).isEqualTo("parrots");
        assertThat(LW.plural("goose")).isEqualTo("geese");
        assertThat(LW.plural("mouse")).isEqualTo("mice");
        assertThat(LW.plural("ox")).isEqualTo("oxen");
        assertThat(LW.plural("wolf")).isEqualTo("wolves");
        assertThat(LW.plural("fish")).isEqualTo("fish");
        assertThat(LW.plural("goldfish")).isEqualTo("goldfish");
        assertThat(LW.plural("sheep")).isEqualTo("sheep");
        assertThat(LW.plural("hot dog")).isEqualTo("hot dogs");
        assertThat(LW.plural("butterfly")).isEqualTo("butterflies");
        assertThat(LW.plural("bus")).isEqualTo("buses");
        assertThat(LW.plural("hay")).isEqualTo("hay");
        assertThat(LW.plural("abacus")).isEqualTo("abacuses");
        assertThat(LW.plural("knife")).isEqualTo("knives");
        // Outside the table: the regular rules.
        assertThat(LW.plural("box")).isEqualTo("boxes");
        assertThat(LW.plural("berry")).isEqualTo("berries");
        assertThat(LW.plural("toy")).isEqualTo("toys");
        assertThat(LW.plural("red kite")).isEqualTo("red kites");
    }

    @Test
    void articles() {
        assertThat(LW.article("owl")).isEqualTo("an");
        assertThat(LW.article("espresso")).isEqualTo("an");
        assertThat(LW.article("eagle")).isEqualTo("an");
        assertThat(LW.article("umbrella")).isEqualTo("an");
        assertThat(LW.article("hourglass")).isEqualTo("an");
        assertThat(LW.article("unicycle")).isEqualTo("a");
        assertThat(LW.article("parrot")).isEqualTo("a");
        assertThat(LW.article("hot dog")).isEqualTo("a");
        assertThat(LW.article("rv")).isEqualTo("an");
        // Outside the table: the rules.
        assertThat(LW.article("unicorn")).isEqualTo("a");
        assertThat(LW.article("hour")).isEqualTo("an");
        assertThat(LW.article("apple pie")).isEqualTo("an");
        assertThat(LW.article("european")).isEqualTo("a");
        assertThat(LW.article("one-way sign")).isEqualTo("a");
    }

    @Test
    void everyWordOutsideTheVocabularyHasAHypernymInIt() throws IOException {
        Set<String> vocab = defaultVocabulary();
        List<String> oov = new ArrayList<>();
        for (String phrase : LW.phrases()) {
            LabelWords.WordForms f = LW.forms(phrase).orElseThrow();
            boolean in = vocab.containsAll(f.tokens());
            assertThat(f.inDefaultVocabulary()).as(phrase).isEqualTo(in);
            if (!in) {
                oov.add(phrase);
                assertThat(f.hypernyms()).as("hypernyms of %s", phrase).anyMatch(vocab::contains);
                assertThat(f.hypernyms()).as(phrase).doesNotContain(phrase).allMatch(h -> h.matches("[a-z'-]+( [a-z'-]+)*"));
            }
        }
        assertThat(oov).contains("parrot", "owl", "espresso", "eagle");
        assertThat(LW.hypernyms("espresso")).startsWith("coffee");
        assertThat(LW.hypernyms("owl")).startsWith("bird");
        assertThat(LW.hypernyms("not a table word")).isEmpty();
    }

    @Test
    void readRejectsMalformedTables() {
        String forms = "phrase\tplural\tarticle\tin_vocab\thypernyms\ncat\tcats\ta\tyes\tanimal\n";
        assertThatThrownBy(() -> LabelWords.read(new StringReader("index\twnid\tlabel\twords\tsource\n"
                + "1\tn01440764\ttabby\tcat\tx\n"), new StringReader(forms)))
                .isInstanceOf(IOException.class).hasMessageContaining("1 classes");
        assertThatThrownBy(() -> LabelWords.read(new StringReader("index\twnid\tlabel\twords\tsource\n"
                + "2\tn01440764\ttabby\tcat\tx\n"), new StringReader(forms)))
                .isInstanceOf(IOException.class).hasMessageContaining("expected class 1");
        assertThatThrownBy(() -> LabelWords.read(new StringReader("nope\n"), new StringReader(forms)))
                .isInstanceOf(IOException.class).hasMessageContaining("header");
    }
}
