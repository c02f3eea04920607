package org.captionlab.gui.detail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;

/** The alternatives table ranks by the score it shows and gives a probability people can read. */
class AlternativeRowsTest {

    private static Caption caption(String text, double logProb, double score) {
        List<String> words = List.of(text.split(" "));
        double[] probs = new double[words.size()];
        java.util.Arrays.fill(probs, 0.5);
        return new Caption(words, logProb, score, probs, 0.9);
    }

    @Test
    void sampledAlternativesAreRankedByScoreBestFirst() {
        // Samples come in the order drawn; the table ranks them by their score.
        List<AlternativeRow> rows = PhotoDetailViewModel.rows(List.of(
                caption("a dog runs", -9.0, -9.0),
                caption("a dog runs on grass", -4.0, -4.0),
                caption("a dog", -6.5, -6.5)));

        assertThat(rows).extracting(AlternativeRow::text).containsExactly("a dog runs on grass", "a dog", "a dog runs");
        assertThat(rows).extracting(AlternativeRow::rank).containsExactly(1, 2, 3);
    }

    @Test
    void beamOrderIsKeptBecauseItIsAlreadyByScore() {
        List<AlternativeRow> rows = PhotoDetailViewModel.rows(List.of(
                caption("a black dog runs through the grass", -12.0, -1.50),
                caption("a dog runs", -7.0, -1.75)));

        assertThat(rows).extracting(AlternativeRow::text).containsExactly("a black dog runs through the grass", "a dog runs");
    }

    @Test
    void perWordProbabilityIsTheGeometricMeanWithTheEndMarker() {
        AlternativeRow row = new AlternativeRow(1, caption("a dog runs", 4 * Math.log(0.25), -2.0));

        assertThat(row.perWordProbability()).isCloseTo(0.25, within(1e-12));
        assertThat(row.probability()).isCloseTo(Math.pow(0.25, 4), within(1e-12));
    }
}
