package org.captionlab.gui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.captionlab.model.EpochStats;
import org.captionlab.model.ScstEpochStats;
import org.captionlab.service.ModelReport;

/**
 * The training curves the Model view plots, each a few columns of a bundle's log against the epoch: four of the
 * cross-entropy phase's {@code training-log.csv} and four of the self-critical phase's {@code scst-log.csv}
 * (shown instead of the first four when chosen, so the 2×2 grid keeps its size).
 */
public enum Chart {
    LOSS(Phase.CE, "Loss (nats per word)", "nats per word", List.of(
            Column.ce("train loss", EpochStats::trainLoss), Column.ce("val loss", EpochStats::valLoss))),
    QUALITY(Phase.CE, "Validation BLEU-4 and CIDEr-D (greedy)", "score", List.of(
            Column.ce("val BLEU-4", EpochStats::valBleu4), Column.ce("val CIDEr-D", EpochStats::valCiderD))),
    GRADIENT(Phase.CE, "Gradient norm before clipping", "L2 norm", List.of(
            Column.ce("mean", EpochStats::gradNormMean), Column.ce("max", EpochStats::gradNormMax))),
    SPECTRAL_RADIUS(Phase.CE, "Spectral radius of Whh (above 1: the recurrence can amplify)", "radius", List.of(
            Column.ce("spectral radius", EpochStats::spectralRadius))),
    SCST_REWARD(Phase.SCST, "Mean reward of the samples (CIDEr-D)", "reward", List.of(
            Column.scst("mean reward", ScstEpochStats::meanReward))),
    SCST_QUALITY(Phase.SCST, "Dev BLEU-4 and CIDEr-D (greedy)", "score", List.of(
            Column.scst("dev BLEU-4", ScstEpochStats::valBleu4), Column.scst("dev CIDEr-D", ScstEpochStats::valCiderD))),
    SCST_DISTINCT(Phase.SCST, "Distinct and degenerate greedy dev captions", "share of images", List.of(
            Column.scst("distinct", ScstEpochStats::distinctCaptions),
            Column.scst("degenerate", ScstEpochStats::degenerateCaptions))),
    SCST_WORDS(Phase.SCST, "Words used by the greedy dev captions", "words", List.of(
            Column.scst("words used", ScstEpochStats::distinctWords)));

    /** Which log a chart plots; the Model view shows one phase's charts at a time. */
    public enum Phase {
        CE("Cross-entropy training", "epoch"),
        SCST("Self-critical fine-tuning", "SCST epoch (0: starting model)");

        private final String label;
        private final String axis;

        Phase(String label, String axis) {
            this.label = label;
            this.axis = axis;
        }

        /** The phase as the view's selector names it. */
        public String label() {
            return label;
        }

        /** The x axis's label. */
        public String axis() {
            return axis;
        }
    }

    /**
     * One plotted column of a log: its {@code [epoch, value]} points in a report, non-finite values left out (the
     * starting model's row of the SCST log has no reward).
     */
    public record Column(String label, Function<ModelReport, List<double[]>> points) {

        static Column ce(String label, ToDoubleFunction<EpochStats> value) {
            return new Column(label, r -> points(r.epochs(), EpochStats::epoch, value));
        }

        static Column scst(String label, ToDoubleFunction<ScstEpochStats> value) {
            return new Column(label, r -> points(r.scstEpochs(), ScstEpochStats::epoch, value));
        }

        private static <T> List<double[]> points(List<T> rows, ToDoubleFunction<T> epoch, ToDoubleFunction<T> value) {
            List<double[]> out = new ArrayList<>(rows.size());
            for (T row : rows) {
                double v = value.applyAsDouble(row);
                if (Double.isFinite(v)) {
                    out.add(new double[] {epoch.applyAsDouble(row), v});
                }
            }
            return out;
        }
    }

    private final Phase phase;
    private final String title;
    private final String unit;
    private final List<Column> columns;

    Chart(Phase phase, String title, String unit, List<Column> columns) {
        this.phase = phase;
        this.title = title;
        this.unit = unit;
        this.columns = columns;
    }

    /** The charts of one phase, in the grid's order (left to right, top to bottom). */
    public static List<Chart> of(Phase phase) {
        return java.util.Arrays.stream(values()).filter(c -> c.phase == phase).toList();
    }

    public Phase phase() {
        return phase;
    }

    public String title() {
        return title;
    }

    /** The y axis's label. */
    public String unit() {
        return unit;
    }

    public List<Column> columns() {
        return columns;
    }
}
