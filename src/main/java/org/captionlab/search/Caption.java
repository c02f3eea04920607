package org.captionlab.search;

import java.util.List;

/**
 * One decoded caption.
 *
 * @param words      the words, without start/end markers
 * @param logProb    total natural-log probability, including the end marker when it was emitted
 * @param score      the ranking score: {@code logProb / length^alpha} for beam search, {@code logProb} otherwise
 * @param tokenProbs probability of each word as it was chosen (same length as {@code words}); the end
 *                   marker's probability is {@link #endProb}
 * @param endProb    probability of the end marker, or 0 when decoding stopped at the maximum length
 */
public record Caption(List<String> words, double logProb, double score, double[] tokenProbs, double endProb) {

    public Caption {
        words = List.copyOf(words);
        tokenProbs = tokenProbs.clone();
        if (tokenProbs.length != words.size()) {
            throw new IllegalArgumentException("tokenProbs has " + tokenProbs.length + " values for " + words.size() + " words");
        }
    }

    /** The caption as text: words joined by single spaces. */
    public String text() {
        return String.join(" ", words);
    }

    /** {@code exp(logProb)}: the probability of the whole caption under the model. */
    public double probability() {
        return Math.exp(logProb);
    }

    /** True when the decoder emitted the end marker (false when cut at the maximum length). */
    public boolean finished() {
        return endProb > 0;
    }

    @Override
    public double[] tokenProbs() {
        return tokenProbs.clone();
    }
}
