package org.captionlab.search;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;

/**
 * Calls {@link CaptionModel#step} and checks the shape of what comes back, so that a broken model
 * fails with a sentence naming the values instead of an index error deep in a search.
 */
final class ModelSteps {

    private ModelSteps() {
    }

    static CaptionModel.Step step(CaptionModel model, DecoderState state, int[] previousTokens, int position) {
        CaptionModel.Step s = model.step(state, previousTokens);
        int vocabSize = model.vocabulary().size();
        if (s == null || s.logProbs() == null || s.next() == null) {
            throw new IllegalStateException("model returned no step result at position " + position);
        }
        if (s.logProbs().length != previousTokens.length || s.next().size() != previousTokens.length) {
            throw new IllegalStateException("model returned " + s.logProbs().length + " rows of log-probabilities and a state of "
                    + s.next().size() + " rows for " + previousTokens.length + " hypotheses at position " + position);
        }
        for (float[] row : s.logProbs()) {
            if (row == null || row.length != vocabSize) {
                throw new IllegalStateException("model returned " + (row == null ? 0 : row.length)
                        + " log-probabilities per row but its vocabulary has " + vocabSize + " tokens");
            }
            for (int j = 0; j < row.length; j++) {
                if (Float.isNaN(row[j])) {
                    throw new IllegalStateException("model returned NaN log-probability for token '"
                            + model.vocabulary().token(j) + "' at position " + position);
                }
            }
        }
        return s;
    }
}
