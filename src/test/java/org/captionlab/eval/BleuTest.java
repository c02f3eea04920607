package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** BLEU on examples worked out by hand (the numbers in the comments are the derivations). */
class BleuTest {

    private static List<String> words(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static TokenizedCaptions image(String candidate, String... references) {
        return new TokenizedCaptions(words(candidate), Arrays.stream(references).map(BleuTest::words).toList());
    }

    /**
     * candidate  "the cat sat on the mat"      (6 words)
     * references "the cat is on the mat"       (6 words)
     *            "there is a cat on the mat"   (7 words)
     *
     * 1-grams: the×2 (max in a reference: 2), cat, sat (0), on, mat         → 5 / 6
     * 2-grams: the cat ✓, cat sat, sat on, on the ✓, the mat ✓               → 3 / 5
     * 3-grams: the cat sat, cat sat on, sat on the, on the mat ✓             → 1 / 4
     * 4-grams: the cat sat on, cat sat on the, sat on the mat                → 0 / 3
     * closest reference length 6 = candidate length, so ratio = (6 + 1e-15) / (6 + 1e-9): BP = exp(1 - 1/ratio)
     * BLEU-1 = 5/6 · BP,  BLEU-2 = sqrt(5/6 · 3/5) = sqrt(1/2) · BP,  BLEU-3 = cbrt(5/6 · 3/5 · 1/4) = 1/2 · BP
     * BLEU-4 = (1/8 · (0 + 1e-15) / (3 + 1e-9))^(1/4) · BP ≈ 8.03e-5: pycocoevalcap's tiny/small keep it above 0.
     * (Exactly, each precision is (correct + 1e-15) / (guess + 1e-9), which moves the values by ~1e-10.)
     */
    @Test
    void worksTheCatSatOnTheMatExample() {
        double[] bleu = Bleu.sentence(words("the cat sat on the mat"),
                List.of(words("the cat is on the mat"), words("there is a cat on the mat")));

        double ratio = (6 + 1e-15) / (6 + 1e-9);
        double bp = Math.exp(1 - 1 / ratio);
        assertThat(bp).isLessThan(1.0).isGreaterThan(1 - 1e-9);
        double p1 = p(5, 6);
        double p2 = p(3, 5);
        double p3 = p(1, 4);
        double p4 = p(0, 3);
        assertThat(bleu[0]).isCloseTo(p1 * bp, within(1e-15));
        assertThat(bleu[1]).isCloseTo(Math.sqrt(p1 * p2) * bp, within(1e-15));
        assertThat(bleu[2]).isCloseTo(Math.cbrt(p1 * p2 * p3) * bp, within(1e-15));
        assertThat(bleu[3]).isCloseTo(Math.pow(p1 * p2 * p3 * p4, 0.25) * bp, within(1e-15));
        // and the rounded textbook values
        assertThat(bleu[0]).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(bleu[1]).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(bleu[2]).isCloseTo(0.5, within(1e-9));
        assertThat(bleu[3]).isCloseTo(8.03e-5, within(1e-7));
    }

    /** pycocoevalcap's smoothed precision. */
    private static double p(int correct, int guess) {
        return (correct + Bleu.TINY) / (guess + Bleu.SMALL);
    }

    @Test
    void clipsCountsAsInPapineniExample() {
        Bleu.Result result = Bleu.compute(List.of(
                image("the the the the the the the", "the cat is on the mat", "there is a cat on the mat")));

        assertThat(result.bleu(1).corpus()).isCloseTo(2.0 / 7, within(1e-9));
        assertThat(result.referenceLength()).isEqualTo(7);
    }

    /** Lengths 6 and 8 are both 1 away from 7: pycocoevalcap's tuple min picks the shorter one. */
    @Test
    void closestReferenceLengthTieTakesShorter() {
        Bleu.Result result = Bleu.compute(List.of(image("a b c d e f g", "a b c d e f g h", "a b c d e f")));

        assertThat(result.candidateLength()).isEqualTo(7);
        assertThat(result.referenceLength()).isEqualTo(6);
    }

    /**
     * Image A: "a dog" vs "a dog runs fast": precision 2/2, but BP = exp(1 - 4/2) = e^-1 on its own.
     * Image B: "a cat sits on the mat" vs "a cat sits here": precision 3/6, no BP (6 ≥ 4).
     * Corpus: precision (2 + 3) / (2 + 6) = 5/8 and BP from totals 8 vs 8 ≈ 1 — not the mean of the
     * per-image values ((e^-1 + 1/2) / 2 ≈ 0.434).
     */
    @Test
    void corpusBleuUsesTotalsNotMeanOfImages() {
        Bleu.Result result = Bleu.compute(List.of(
                image("a dog", "a dog runs fast"),
                image("a cat sits on the mat", "a cat sits here")));

        MetricScores bleu1 = result.bleu(1);
        assertThat(bleu1.corpus()).isCloseTo(5.0 / 8, within(1e-9));
        assertThat(bleu1.perImage().get(0)).isCloseTo(Math.exp(-1), within(1e-9));
        assertThat(bleu1.perImage().get(1)).isCloseTo(0.5, within(1e-9));
        assertThat(result.candidateLength()).isEqualTo(8);
        assertThat(result.referenceLength()).isEqualTo(8);
    }

    @Test
    void emptyCandidateScoresZero() {
        Bleu.Result result = Bleu.compute(List.of(image("", "a dog"), image("a dog", "a dog")));

        for (int n = 1; n <= Bleu.MAX_N; n++) {
            assertThat(result.bleu(n).perImage().get(0)).isZero();
        }
        assertThat(result.bleu(1).perImage().get(1)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void rejectsEmptyInputAndBadOrder() {
        assertThatThrownBy(() -> Bleu.compute(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one image");
        Bleu.Result result = Bleu.compute(List.of(image("a", "a")));
        assertThatThrownBy(() -> result.bleu(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 5");
    }
}
