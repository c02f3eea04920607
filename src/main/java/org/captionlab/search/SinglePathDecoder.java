package org.captionlab.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;
import org.captionlab.text.Vocabulary;

/**
 * Decodes a batch of independent rows that each follow one path (greedy: one row per image;
 * sampling: one row per sample), with one {@link CaptionModel#step} per position for all open rows.
 * Rows that finish are dropped from the batch with {@link DecoderState#select}.
 *
 * <p>At positions {@code 0..maxLength-1} the chosen token is appended (or ends the caption). At
 * position {@code maxLength} the caption already has {@code maxLength} words: the choice is made
 * the same way once more; {@code <end>} finishes it, any other choice closes it without an end
 * marker. So a caption of exactly {@code maxLength} words can still finish, and beam search applies
 * the same rule (beam width 1 equals greedy).
 */
final class SinglePathDecoder {

    /** Picks the next token of one row, or -1 when no allowed token has non-zero probability. */
    interface Chooser {
        int choose(int row, float[] logProbs, boolean[] blocked);
    }

    private SinglePathDecoder() {
    }

    static List<Caption> decode(CaptionModel model, DecoderState initial, int maxLength, int blockRepeatNgram,
                                Chooser chooser) {
        Vocabulary vocab = model.vocabulary();
        int rows = initial.size();
        Caption[] out = new Caption[rows];
        Hypothesis[] hyps = new Hypothesis[rows];
        Arrays.fill(hyps, Hypothesis.EMPTY);
        int[] open = new int[rows]; // open[i] = original row of batch row i
        for (int i = 0; i < rows; i++) {
            open[i] = i;
        }
        int[] previous = new int[rows];
        Arrays.fill(previous, Vocabulary.START_ID);
        DecoderState state = initial;
        for (int position = 0; position <= maxLength && open.length > 0; position++) {
            CaptionModel.Step step = ModelSteps.step(model, state, previous, position);
            List<Integer> keep = new ArrayList<>(open.length);
            for (int i = 0; i < open.length; i++) {
                int row = open[i];
                Hypothesis h = hyps[row];
                float[] logProbs = step.logProbs()[i];
                int token = chooser.choose(row, logProbs, TokenFilter.blockedWords(h.words(), blockRepeatNgram, logProbs.length));
                if (token == Vocabulary.END_ID) {
                    out[row] = h.finish(vocab, logProbs[token], 0.0);
                } else if (token < 0 || position == maxLength) {
                    out[row] = h.close(vocab, 0.0);
                } else {
                    hyps[row] = h.extend(token, logProbs[token]);
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                break;
            }
            int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
            int[] nextOpen = new int[kept.length];
            int[] nextPrevious = new int[kept.length];
            for (int i = 0; i < kept.length; i++) {
                nextOpen[i] = open[kept[i]];
                int[] words = hyps[nextOpen[i]].words();
                nextPrevious[i] = words[words.length - 1];
            }
            // Skip the copy when every row is still open (the usual case for most of a caption).
            state = kept.length == open.length ? step.next() : step.next().select(kept);
            open = nextOpen;
            previous = nextPrevious;
        }
        return List.of(out);
    }

    /** Greedy choice: the allowed token of highest log-probability, the lowest id on ties. */
    static int argmax(float[] logProbs, boolean[] blocked) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < logProbs.length; j++) {
            if (logProbs[j] > bestValue && TokenFilter.allowed(j, blocked)) {
                best = j;
                bestValue = logProbs[j];
            }
        }
        return best;
    }
}
