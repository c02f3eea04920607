package org.captionlab.eval;

/** The caption metrics CaptionLab computes, with the names used in reports and CSV columns. */
public enum Metric {
    BLEU_1("BLEU-1"),
    BLEU_2("BLEU-2"),
    BLEU_3("BLEU-3"),
    BLEU_4("BLEU-4"),
    ROUGE_L("ROUGE-L"),
    CIDER_D("CIDEr-D");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    /** Name as in pycocoevalcap-style reports, e.g. {@code BLEU-4}. */
    public String label() {
        return label;
    }
}
