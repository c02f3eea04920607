package org.captionlab.model;

import org.captionlab.text.Vocabulary;

/**
 * A trained caption decoder seen as a step function, which is all the search algorithms need:
 * {@code h_t = f(x_t, h_{t-1}, v)}, {@code log p(y_t | ...) = log softmax(Why·h_t + c)}.
 *
 * <p>Decoding a batch of hypotheses (beam search) works on {@link DecoderState}s whose rows are
 * hypotheses; {@link DecoderState#select} reorders/duplicates rows when beams are pruned.
 */
public interface CaptionModel {

    /** The vocabulary the output layer indexes. */
    Vocabulary vocabulary();

    /** Dimension of the image feature the model was trained on. */
    int featureDim();

    /** State for decoding one image (one row); the feature is fed at every step. */
    DecoderState initialState(float[] feature);

    /** State for decoding several images at once (row {@code i} for {@code features[i]}). */
    DecoderState initialStates(float[][] features);

    /**
     * Feeds {@code previousTokens[i]} to row {@code i} of {@code state} and returns, per row, the
     * log-probabilities of every vocabulary entry for the next word, with the state after the step.
     */
    Step step(DecoderState state, int[] previousTokens);

    /** Result of one decoding step. */
    record Step(float[][] logProbs, DecoderState next) {
    }
}
