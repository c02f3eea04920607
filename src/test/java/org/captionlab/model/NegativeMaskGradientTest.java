package org.captionlab.model;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What self-critical training assumes of DL4J: with the label mask multiplied by −1 the whole gradient (every layer)
 * is negated. It does not hold in DL4J 1.0.0-M2.1 (measured ‖g(+1) + g(−1)‖ / ‖g(+1)‖ = 0.39 on this network), so
 * the SCST step's direction is right only in part; see the README's SCST notes. Disabled until fixed (a custom
 * loss with the signed weight did not change the measurement, so the sign is lost outside the loss function).
 */
class NegativeMaskGradientTest {

    private static float[] gradient(double weight) {
        DecoderConfig c = new DecoderConfig(CellType.RNN, 4, 20, 6, 12, 0.0);
        try (CaptionNetwork net = CaptionNetwork.create(c,
                TrainingHyperparameters.defaults().withGradientClip(0).withSeed(3))) {
            MultiDataSet b = net.batch(List.of(new float[] {0.5f, -1f, 2f, 0.1f}, new float[] {1f, 0f, -2f, 0.3f}),
                    List.of(new int[] {3, 4, 5, 6}, new int[] {7, 8}), 16);
            b.getLabelsMaskArray(0).muli(weight);
            return net.fitAndReturnGradient(b);
        }
    }

    @Test
    @Disabled("fails in DL4J 1.0.0-M2.1: relative asymmetry 0.39 (issue 13 report)")
    void negativeLabelMaskNegatesTheWholeGradient() {
        float[] plus = gradient(1);
        float[] minus = gradient(-1);
        double sum = 0;
        double norm = 0;
        for (int i = 0; i < plus.length; i++) {
            sum += Math.pow(plus[i] + minus[i], 2);
            norm += Math.pow(plus[i], 2);
        }
        assertThat(Math.sqrt(sum / norm)).isLessThan(1e-5);
    }
}
