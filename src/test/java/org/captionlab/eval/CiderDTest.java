package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CIDEr-D sanity checks and small cases worked out by hand. */
class CiderDTest {

    private static List<String> words(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static TokenizedCaptions image(String candidate, String... references) {
        return new TokenizedCaptions(words(candidate), Arrays.stream(references).map(CiderDTest::words).toList());
    }

    /**
     * A candidate identical to each of its references has cosine 1 for n = 1..4 and no length penalty, so
     * it reaches the maximum 10 — provided its n-grams carry idf weight (they occur in no other image's
     * references) and it has at least 4 words (so every order has n-grams).
     */
    @Test
    void identicalCandidateAndReferencesGiveTheMaximum() {
        MetricScores scores = CiderD.compute(List.of(
                image("a man rides a wave", "a man rides a wave", "a man rides a wave", "a man rides a wave"),
                image("two dogs play in snow", "two dogs play in snow", "two dogs play in snow"),
                image("red bus on the street", "red bus on the street")));

        assertThat(scores.perImage()).allSatisfy(v -> assertThat(v).isCloseTo(CiderD.SCALE, within(1e-9)));
        assertThat(scores.corpus()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void noSharedNgramGivesZero() {
        MetricScores scores = CiderD.compute(List.of(
                image("two cats sleeping indoors", "a plate of food", "broccoli and rice on a dish"),
                image("a dog runs", "a dog runs on grass")));

        assertThat(scores.perImage().get(0)).isZero();
        assertThat(scores.perImage().get(1)).isPositive();
    }

    /** idf uses log(number of images): with one image every reference n-gram has weight log 1 - log 1 = 0. */
    @Test
    void singleImageAlwaysScoresZero() {
        MetricScores scores = CiderD.compute(List.of(image("a dog runs on grass", "a dog runs on grass")));

        assertThat(scores.corpus()).isZero();
    }

    /**
     * Two images "dog"/["dog"] and "cat"/["cat"]: N = 2, each word has df 1, weight log 2. Unigram cosine
     * is 1; orders 2..4 have no n-grams (norm 0, similarity 0); no length penalty. So each image scores
     * 10 · (1 + 0 + 0 + 0) / 4 = 2.5, not 10.
     */
    @Test
    void singleWordExactMatchScoresOneQuarterOfMaximum() {
        MetricScores scores = CiderD.compute(List.of(image("dog", "dog"), image("cat", "cat")));

        assertThat(scores.perImage()).containsExactly(2.5, 2.5);
    }

    /**
     * "dog" against "dog dog dog dog dog dog dog" (other image: "cat"/["cat"]): unigram tf-idf w vs 7w,
     * clipped dot min(w, 7w) · 7w = 7w², norms w · 7w, cosine 1. Length penalty on bigram counts 0 vs 6:
     * exp(-36 / (2 · 36)) = exp(-1/2). Score 10 · exp(-1/2) / 4.
     */
    @Test
    void clipsAndPenalisesLength() {
        MetricScores scores = CiderD.compute(List.of(
                image("dog", "dog dog dog dog dog dog dog"), image("cat", "cat")));

        assertThat(scores.perImage().get(0)).isCloseTo(10 * Math.exp(-0.5) / 4, within(1e-12));
    }

    /** An n-gram present in every image's references has idf 0, so matching only it earns nothing. */
    @Test
    void ngramInEveryImagesReferencesWeighsNothing() {
        MetricScores scores = CiderD.compute(List.of(
                image("a", "a dog"), image("dog", "a dog"), image("a cat", "a cat on a mat")));

        assertThat(scores.perImage().get(0)).isZero();
        assertThat(scores.perImage().get(1)).isPositive();
    }

    @Test
    void resultsDoNotDependOnImageOrder() {
        List<TokenizedCaptions> images = new ArrayList<>(List.of(
                image("a dog runs on the grass", "a dog running on grass", "the brown dog runs"),
                image("a cat on a sofa", "a cat sleeping on a couch", "a grey cat on a sofa"),
                image("a man surfing", "a man riding a wave", "a surfer in the ocean"),
                image("a bus", "a red bus on a street", "a bus parked by the road")));
        MetricScores forward = CiderD.compute(images);
        Collections.reverse(images);
        MetricScores backward = CiderD.compute(images);

        for (int i = 0; i < images.size(); i++) {
            assertThat(backward.perImage().get(images.size() - 1 - i))
                    .isCloseTo(forward.perImage().get(i), within(1e-12));
        }
        assertThat(backward.corpus()).isCloseTo(forward.corpus(), within(1e-12));
    }
}
