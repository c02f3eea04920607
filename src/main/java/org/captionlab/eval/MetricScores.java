package org.captionlab.eval;

import java.util.List;

/**
 * The corpus value and the per-image values of one metric over an evaluated set.
 *
 * @param corpus   corpus-level value (for BLEU computed from corpus totals; for ROUGE-L and CIDEr-D the
 *                 mean of {@code perImage})
 * @param perImage one value per image, in the order of the input list
 */
public record MetricScores(double corpus, List<Double> perImage) {
    public MetricScores {
        perImage = List.copyOf(perImage);
    }

    /** Builds the scores whose corpus value is the arithmetic mean of the per-image values. */
    static MetricScores mean(double[] perImage) {
        double sum = 0;
        for (double v : perImage) {
            sum += v;
        }
        return new MetricScores(sum / perImage.length, boxed(perImage));
    }

    static List<Double> boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return List.of(out);
    }
}
