package org.captionlab.search;

import java.util.Arrays;
import java.util.List;

import org.captionlab.text.Vocabulary;

/**
 * An open caption during decoding: word ids (no markers), the model log-probability of each, and
 * their sum. Immutable; {@link #extend} copies the short arrays (captions are ~20 words).
 */
record Hypothesis(int[] words, double[] wordLogProbs, double logProb) {

    static final Hypothesis EMPTY = new Hypothesis(new int[0], new double[0], 0.0);

    Hypothesis extend(int word, double wordLogProb) {
        int[] w = Arrays.copyOf(words, words.length + 1);
        double[] lp = Arrays.copyOf(wordLogProbs, wordLogProbs.length + 1);
        w[words.length] = word;
        lp[words.length] = wordLogProb;
        return new Hypothesis(w, lp, logProb + wordLogProb);
    }

    int length() {
        return words.length;
    }

    /** The caption finished by {@code <end>} with log-probability {@code endLogProb}. */
    Caption finish(Vocabulary vocab, double endLogProb, double alpha) {
        double total = logProb + endLogProb;
        return build(vocab, total, score(total, words.length + 1, alpha), Math.exp(endLogProb));
    }

    /** The caption closed at the maximum length without an end marker ({@code endProb} 0). */
    Caption close(Vocabulary vocab, double alpha) {
        return build(vocab, logProb, score(logProb, words.length, alpha), 0.0);
    }

    /**
     * {@code logProb / length^alpha}, length counting the predicted tokens (words, plus the end
     * marker when emitted): the number of log-probability terms in the sum, so alpha 1 ranks by mean
     * per-token log-probability.
     */
    static double score(double logProb, int length, double alpha) {
        return alpha == 0 ? logProb : logProb / Math.pow(Math.max(1, length), alpha);
    }

    private Caption build(Vocabulary vocab, double total, double score, double endProb) {
        String[] text = new String[words.length];
        double[] probs = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            text[i] = vocab.token(words[i]);
            probs[i] = Math.exp(wordLogProbs[i]);
        }
        return new Caption(List.of(text), total, score, probs, endProb);
    }
}
