package org.captionlab.gui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CIDEr-D histogram's bins (moved here from the references test when reading moved to the service). */
class HistogramTest {

    @Test
    void histogramBinsAreRoundAndCoverTheValues() {
        Histogram h = Histogram.of(org.captionlab.eval.Metric.CIDER_D, List.of(0.0, 0.3, 0.31, 2.4, 3.0));
        assertThat(h.step()).isEqualTo(0.2);
        assertThat(h.bins()).isEqualTo(15);
        assertThat(h.binOf(0.3)).isEqualTo(1);
        assertThat(h.binOf(3.0)).as("the top value falls in the last bin").isEqualTo(14);
        assertThat(h.count(1)).isEqualTo(2);
        assertThat(h.total()).isEqualTo(5);
        Histogram bleu = Histogram.of(org.captionlab.eval.Metric.BLEU_4, List.of(0.1, 0.5));
        assertThat(bleu.step()).isEqualTo(0.05);
        assertThat(bleu.bins()).isEqualTo(20);
    }
}
