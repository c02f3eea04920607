package org.captionlab.gui.detail;

/**
 * A word of the best caption with the probability the decoder gave it when it was chosen.
 *
 * @param word        the word, or {@link #END} for the end marker
 * @param probability 0..1
 */
public record WordProbability(String word, double probability) {

    /** Stands for the end-of-caption marker, whose probability is shown too. */
    public static final String END = "<end>";

    public boolean isEnd() {
        return END.equals(word);
    }
}
