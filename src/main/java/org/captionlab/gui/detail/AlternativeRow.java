package org.captionlab.gui.detail;

import org.captionlab.search.Caption;

/**
 * One row of the alternatives table: the score the alternatives are ranked by, and a probability people
 * can read (the per-word geometric mean; the whole caption's probability is a tiny number such as 2e-10).
 *
 * @param rank        1 for the best (by score)
 * @param caption     the caption
 */
public record AlternativeRow(int rank, Caption caption) {

    public String text() {
        return caption.text();
    }

    public double logProb() {
        return caption.logProb();
    }

    public double score() {
        return caption.score();
    }

    public double probability() {
        return caption.probability();
    }

    /**
     * The geometric mean of the word probabilities, the end marker included when the caption has one:
     * {@code exp(logProb / tokens)}, between 0 and 1.
     */
    public double perWordProbability() {
        int tokens = caption.words().size() + (caption.finished() ? 1 : 0);
        return Math.exp(caption.logProb() / Math.max(1, tokens));
    }
}
