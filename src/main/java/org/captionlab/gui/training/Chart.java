package org.captionlab.gui.training;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.captionlab.model.EpochStats;

/** The training curves the Model view plots, each a few columns of the training log against the epoch. */
public enum Chart {
    LOSS("Loss (nats per word)", "nats per word", List.of(
            new Column("train loss", EpochStats::trainLoss), new Column("val loss", EpochStats::valLoss))),
    QUALITY("Validation BLEU-4 and CIDEr-D (greedy)", "score", List.of(
            new Column("val BLEU-4", EpochStats::valBleu4), new Column("val CIDEr-D", EpochStats::valCiderD))),
    GRADIENT("Gradient norm before clipping", "L2 norm", List.of(
            new Column("mean", EpochStats::gradNormMean), new Column("max", EpochStats::gradNormMax))),
    SPECTRAL_RADIUS("Spectral radius of Whh (above 1: the recurrence can amplify)", "radius", List.of(
            new Column("spectral radius", EpochStats::spectralRadius)));

    /** One plotted column of the log. */
    public record Column(String label, ToDoubleFunction<EpochStats> value) {
    }

    private final String title;
    private final String unit;
    private final List<Column> columns;

    Chart(String title, String unit, List<Column> columns) {
        this.title = title;
        this.unit = unit;
        this.columns = columns;
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
