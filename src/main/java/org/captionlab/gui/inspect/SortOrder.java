package org.captionlab.gui.inspect;

import org.captionlab.eval.Metric;

/** How the photo grid and the review tables are ordered. */
public enum SortOrder {
    LIBRARY("Library order", null, false),
    CIDER_WORST("CIDEr-D, worst first", Metric.CIDER_D, false),
    CIDER_BEST("CIDEr-D, best first", Metric.CIDER_D, true),
    BLEU_WORST("BLEU-4, worst first", Metric.BLEU_4, false),
    ROUGE_WORST("ROUGE-L, worst first", Metric.ROUGE_L, false),
    NAME("File name", null, false),
    DISAGREEMENT("Biggest |ΔCIDEr-D| (comparison)", Metric.CIDER_D, false);

    private final String label;
    private final Metric metric;
    private final boolean descending;

    SortOrder(String label, Metric metric, boolean descending) {
        this.label = label;
        this.metric = metric;
        this.descending = descending;
    }

    public String label() {
        return label;
    }

    /** The metric sorted by, or null. */
    public Metric metric() {
        return metric;
    }

    /** True when higher values come first. */
    public boolean descending() {
        return descending;
    }

    @Override
    public String toString() {
        return label;
    }
}
