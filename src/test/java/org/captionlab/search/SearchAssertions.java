package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared checks on captions for the search tests. */
final class SearchAssertions {

    private SearchAssertions() {
    }

    /** Same words and the same numbers (exactly: both come from the same float log-probabilities). */
    static void assertSameCaption(Caption actual, Caption expected) {
        assertThat(actual.words()).as("words").isEqualTo(expected.words());
        assertThat(actual.logProb()).as("logProb of '%s'", actual.text()).isEqualTo(expected.logProb());
        assertThat(actual.tokenProbs()).as("tokenProbs of '%s'", actual.text()).containsExactly(expected.tokenProbs());
        assertThat(actual.endProb()).as("endProb of '%s'", actual.text()).isEqualTo(expected.endProb());
    }

    static void assertSameCaptions(List<Caption> actual, List<Caption> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertSameCaption(actual.get(i), expected.get(i));
        }
    }

    /** The product of the word probabilities and the end probability is the caption probability. */
    static void assertProbabilitiesConsistent(Caption c) {
        double logSum = 0;
        for (double p : c.tokenProbs()) {
            assertThat(p).isGreaterThan(0).isLessThanOrEqualTo(1);
            logSum += Math.log(p);
        }
        if (c.finished()) {
            logSum += Math.log(c.endProb());
        } else {
            assertThat(c.endProb()).isZero();
        }
        assertThat(logSum).as("sum of token log-probs of '%s'", c.text()).isCloseTo(c.logProb(), within(1e-9));
    }

    /** No n-gram of size {@code n} occurs twice in the caption. */
    static void assertNoRepeatedNgram(Caption c, int n) {
        List<String> w = c.words();
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i + n <= w.size(); i++) {
            assertThat(seen.add(List.copyOf(w.subList(i, i + n)))).as("repeated %d-gram in '%s'", n, c.text()).isTrue();
        }
    }

    static void assertNoMarkers(Caption c) {
        assertThat(c.words()).doesNotContain("<start>", "<unk>", "<end>");
    }
}
