package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ROUGE-L on examples worked out by hand. */
class RougeLTest {

    private static List<String> words(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    /** Cormen et al.'s LCS example: X = ABCBDAB, Y = BDCABA have LCS length 4 (e.g. BCBA). */
    @Test
    void lcsOfTextbookExample() {
        assertThat(RougeL.lcsLength(words("A B C B D A B"), words("B D C A B A"))).isEqualTo(4);
        assertThat(RougeL.lcsLength(words("a b c"), words("a b c"))).isEqualTo(3);
        assertThat(RougeL.lcsLength(words("a b c"), words("d e"))).isZero();
        assertThat(RougeL.lcsLength(words("a b c"), List.of())).isZero();
    }

    /** Lin (2004): "police killed the gunman" vs "police kill the gunman": LCS 3, P = R = 3/4, so F = 3/4. */
    @Test
    void linsPoliceExample() {
        double score = RougeL.score(words("police killed the gunman"), List.of(words("police kill the gunman")));

        assertThat(score).isCloseTo(0.75, within(1e-12));
    }

    /**
     * "the cat was found under the bed" (7) vs "the cat was under the bed" (6): LCS = 6, P = 6/7, R = 1,
     * F = (1 + 1.44) · 6/7 · 1 / (1 + 1.44 · 6/7) = 14.64 / 15.64.
     */
    @Test
    void weightsRecallWithBeta() {
        double score = RougeL.score(words("the cat was found under the bed"),
                List.of(words("the cat was under the bed")));

        assertThat(score).isCloseTo(14.64 / 15.64, within(1e-12));
    }

    /**
     * rouge.py maximises precision and recall separately: "dog running" gets P = 1 from the long reference
     * (LCS 2 / 2) and R = 1 from "dog" (LCS 1 / 1), hence F = 1, although neither reference alone gives 1.
     */
    @Test
    void maximisesPrecisionAndRecallIndependently() {
        List<String> candidate = words("dog running");

        assertThat(RougeL.score(candidate, List.of(words("dog running on a sunny beach"), words("dog"))))
                .isCloseTo(1.0, within(1e-12));
        assertThat(RougeL.score(candidate, List.of(words("dog running on a sunny beach")))).isLessThan(0.5);
        assertThat(RougeL.score(candidate, List.of(words("dog")))).isLessThan(0.75);
    }

    @Test
    void corpusIsMeanOfImagesAndEmptyCandidateIsZero() {
        MetricScores scores = RougeL.compute(List.of(
                new TokenizedCaptions(words("police killed the gunman"), List.of(words("police kill the gunman"))),
                new TokenizedCaptions(List.of(), List.of(words("a dog")))));

        assertThat(scores.perImage()).containsExactly(0.75, 0.0);
        assertThat(scores.corpus()).isCloseTo(0.375, within(1e-12));
    }
}
