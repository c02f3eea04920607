package org.captionlab.gui.library;

import java.util.List;
import org.captionlab.eval.Metric;

/**
 * One caption's per-image scores against its photo's references, as pycocoevalcap computes them over the
 * evaluated set (CIDEr-D's document frequencies come from the references of every photo scored with it).
 *
 * @param bleu4  BLEU-4 of this image alone (0..1)
 * @param rougeL ROUGE-L F-measure (0..1)
 * @param ciderD CIDEr-D (0..10; pycocoevalcap's ×10 scale)
 */
public record CaptionScores(double bleu4, double rougeL, double ciderD) {

    /** The metrics the app shows, in column order: CIDEr-D first, the one failure inspection sorts by. */
    public static final List<Metric> METRICS = List.of(Metric.CIDER_D, Metric.BLEU_4, Metric.ROUGE_L);

    /**
     * The value of one of {@link #METRICS}.
     *
     * @throws IllegalArgumentException for a metric the app does not compute per image
     */
    public double get(Metric metric) {
        return switch (metric) {
            case BLEU_4 -> bleu4;
            case ROUGE_L -> rougeL;
            case CIDER_D -> ciderD;
            default -> throw new IllegalArgumentException("per-image " + metric.label() + " is not computed by the app");
        };
    }
}
