package org.captionlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {

    @TempDir
    Path dir;

    private static Map<String, Integer> counts(Object... wordCountPairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < wordCountPairs.length; i += 2) {
            m.put((String) wordCountPairs[i], (Integer) wordCountPairs[i + 1]);
        }
        return m;
    }

    @Test
    void specialTokensFirstThenWordsByDecreasingCountTiesAlphabetical() {
        Vocabulary v = Vocabulary.build(counts("dog", 3, "cat", 5, "ant", 3, "bee", 1), 1);
        assertThat(v.tokens()).containsExactly("<end>", "<start>", "<unk>", "cat", "ant", "dog", "bee");
        assertThat(v.token(Vocabulary.END_ID)).isEqualTo(Vocabulary.END);
        assertThat(v.token(Vocabulary.START_ID)).isEqualTo(Vocabulary.START);
        assertThat(v.token(Vocabulary.UNK_ID)).isEqualTo(Vocabulary.UNK);
        assertThat(v.count(3)).isEqualTo(5);
        assertThat(v.count(Vocabulary.END_ID)).isZero();
        assertThat(v.size()).isEqualTo(7);
    }

    @Test
    void buildingTwiceFromDifferentlyOrderedCountsGivesTheSameVocabulary() {
        Vocabulary a = Vocabulary.build(counts("x", 2, "y", 2, "z", 9), 1);
        Vocabulary b = Vocabulary.build(counts("z", 9, "y", 2, "x", 2), 1);
        assertThat(a.tokens()).isEqualTo(b.tokens());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void minCountDropsRareWordsAndSpecialOrBlankWordsAreIgnored() {
        Vocabulary v = Vocabulary.build(counts("dog", 5, "rare", 4, "<unk>", 100, "<start>", 9, "", 7, " ", 7), 5);
        assertThat(v.tokens()).containsExactly("<end>", "<start>", "<unk>", "dog");
        assertThatThrownBy(() -> Vocabulary.build(counts("dog", 1), 0)).hasMessage("minCount must be >= 1, was 0");
    }

    @Test
    void wordsWithWhitespaceAreRejectedBecauseTheFileCouldNotHoldThem() {
        assertThatThrownBy(() -> Vocabulary.build(counts("hot dog", 2), 1)).hasMessage("word 'hot dog' contains whitespace");
        assertThatThrownBy(() -> Vocabulary.build(counts("a\tb", 2), 1)).hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> Vocabulary.build(counts("a\nb", 2), 1)).hasMessageContaining("contains whitespace");
    }

    @Test
    void fromCaptionsCountsTokenisedWords() {
        Vocabulary v = Vocabulary.fromCaptions(List.of("A dog runs.", "The dog sits!", "a cat"), 2);
        assertThat(v.tokens()).containsExactly("<end>", "<start>", "<unk>", "a", "dog");
        assertThat(v.count(v.indexOf("a"))).isEqualTo(2);
    }

    @Test
    void encodeMapsUnknownWordsToUnkAndDecodeStopsAtEnd() {
        Vocabulary v = Vocabulary.build(counts("a", 3, "dog", 2, "runs", 1), 1);
        int[] ids = v.encode("A dog flies.");
        assertThat(ids).containsExactly(v.indexOf("a"), v.indexOf("dog"), Vocabulary.UNK_ID);
        assertThat(v.indexOf("flies")).isEqualTo(Vocabulary.UNK_ID);
        assertThat(v.contains("dog")).isTrue();
        assertThat(v.contains("flies")).isFalse();
        assertThat(v.decode(new int[] {Vocabulary.START_ID, v.indexOf("dog"), v.indexOf("runs"), Vocabulary.END_ID,
                v.indexOf("a")})).containsExactly("dog", "runs");
        assertThat(v.decode(new int[0])).isEmpty();
    }

    @Test
    void saveAndLoadRoundTripTokensCountsAndIndices() throws IOException {
        Vocabulary v = Vocabulary.build(counts("dog", 5, "caf\u00e9", 3, "t-shirt", 2, "'s", 2), 1);
        Path file = dir.resolve("vocab.txt");
        v.save(file);
        Vocabulary loaded = Vocabulary.load(file);
        assertThat(loaded.tokens()).isEqualTo(v.tokens());
        for (int i = 0; i < v.size(); i++) {
            assertThat(loaded.count(i)).isEqualTo(v.count(i));
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(3)).isEqualTo("dog\t5");
    }

    @Test
    void saveReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "old content that is longer than the new vocabulary file ...\n".repeat(10));
        Vocabulary.build(counts("dog", 1), 1).save(file);
        assertThat(Vocabulary.load(file).tokens()).containsExactly("<end>", "<start>", "<unk>", "dog");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void loadAcceptsLinesWithoutCountsAndAByteOrderMark() throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "\uFEFF<end>\n<start>\n<unk>\ndog\t4\ncat\n", StandardCharsets.UTF_8);
        Vocabulary v = Vocabulary.load(file);
        assertThat(v.tokens()).containsExactly("<end>", "<start>", "<unk>", "dog", "cat");
        assertThat(v.count(3)).isEqualTo(4);
        assertThat(v.count(4)).isZero();
    }

    @Test
    void loadErrorsNameTheFileAndTheProblem() throws IOException {
        Path badCount = Files.writeString(dir.resolve("bad-count.txt"), "<end>\t0\n<start>\t0\n<unk>\t0\ndog\tmany\n");
        assertThatThrownBy(() -> Vocabulary.load(badCount)).isInstanceOf(IOException.class)
                .hasMessageContaining(badCount.toString()).hasMessageContaining("line 4").hasMessageContaining("dog\tmany");

        Path noSpecials = Files.writeString(dir.resolve("no-specials.txt"), "dog\t1\ncat\t1\n");
        assertThatThrownBy(() -> Vocabulary.load(noSpecials)).isInstanceOf(IOException.class)
                .hasMessageContaining(noSpecials.toString()).hasMessageContaining("must start with <end>, <start>, <unk>");

        Path duplicate = Files.writeString(dir.resolve("duplicate.txt"), "<end>\n<start>\n<unk>\ndog\ndog\n");
        assertThatThrownBy(() -> Vocabulary.load(duplicate)).isInstanceOf(IOException.class)
                .hasMessageContaining(duplicate.toString()).hasMessageContaining("duplicate token 'dog'");

        assertThatThrownBy(() -> Vocabulary.load(dir.resolve("missing.txt"))).isInstanceOf(IOException.class);
    }
}
