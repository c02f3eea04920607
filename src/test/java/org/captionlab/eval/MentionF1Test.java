package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Object mention F1 on a hand-counted fixture. */
class MentionF1Test {

    private static final List<MentionF1.WordClass> CLASSES = List.of(
            new MentionF1.WordClass("dog", true, Set.of("dog", "dogs")),
            new MentionF1.WordClass("cat", false, Set.of("cat", "cats")),
            new MentionF1.WordClass("owl", true, Set.of("owl")));

    @Test
    void countsPositivesByThreeOfFiveReferencesAndScoresEachClass() {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        // 1: dog positive (3 of 5), 2: dog negative (2 of 5), 3: dog + cat positive, 4: cat positive, 5: nothing.
        refs.put("1", List.of("a dog runs", "two dogs", "a dog.", "an animal", "a pet"));
        refs.put("2", List.of("a dog runs", "a Dog", "a puppy", "an animal", "a pet"));
        refs.put("3", List.of("a dog and a cat", "dogs and cats", "a dog chases a cat", "pets", "animals"));
        refs.put("4", List.of("a cat", "a cat sleeps", "the cat", "a kitten", "a pet"));
        refs.put("5", List.of("a man", "a man", "a man", "a man", "a man"));
        Map<String, String> captions = new LinkedHashMap<>();
        captions.put("1", "a black dog is running");   // dog TP
        captions.put("2", "a dog is running");         // dog FP
        captions.put("3", "a cat is sitting");         // dog FN, cat TP
        captions.put("4", "a dogs' bed");              // dog FP (the token "dogs"), cat FN
        captions.put("5", "a man with a catapult");    // no mention: "catapult" is not "cat"
        captions.put("6", "a dog");                    // no references: ignored

        MentionF1.Scores s = MentionF1.score(captions, refs, CLASSES);
        MentionF1.ClassScore dog = s.classes().get(0);
        MentionF1.ClassScore cat = s.classes().get(1);
        MentionF1.ClassScore owl = s.classes().get(2);
        assertThat(dog).isEqualTo(new MentionF1.ClassScore("dog", true, 2, 3, 1));
        assertThat(dog.precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(dog.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(dog.f1()).isCloseTo(0.4, within(1e-12));          // 2·(1/3)(1/2)/(5/6)
        assertThat(cat).isEqualTo(new MentionF1.ClassScore("cat", false, 2, 1, 1));
        assertThat(cat.f1()).isCloseTo(2.0 / 3, within(1e-12));      // p 1, r 1/2
        assertThat(owl.positives()).isZero();
        assertThat(owl.f1()).isZero();
        // Means leave out classes without positives (owl); the visible mean has only dog.
        assertThat(s.mean()).isCloseTo((0.4 + 2.0 / 3) / 2, within(1e-12));
        assertThat(s.meanVisible()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void theDefaultClassesAreTheIssuesClassesWithTheNineVisibleOnes() {
        List<MentionF1.WordClass> all = MentionF1.defaultClasses();
        assertThat(all).extracting(MentionF1.WordClass::name).contains("dog", "horse", "bird", "cow", "cat", "ball", "car",
                "boat", "bike", "motorcycle", "snow", "water", "child", "man", "woman", "surfing");
        assertThat(all.stream().filter(MentionF1.WordClass::visible).map(MentionF1.WordClass::name))
                .containsExactly("dog", "horse", "bird", "cow", "ball", "car", "boat", "bike", "motorcycle");
        assertThat(all.get(0).mentionedIn("Two DOGS play.")).isTrue();
    }
}
