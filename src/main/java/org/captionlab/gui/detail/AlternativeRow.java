package org.captionlab.gui.detail;

import org.captionlab.search.Caption;

/**
 * One row of the alternatives table.
 *
 * @param rank        1 for the best
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
}
