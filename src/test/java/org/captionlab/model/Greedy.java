package org.captionlab.model;

import org.captionlab.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Argmax decoding for the tests (the real search lives in the search package, which model must not import). */
final class Greedy {

    private Greedy() {
    }

    /** Word indices of the argmax caption of each feature, without markers. */
    static List<int[]> decode(CaptionModel model, List<float[]> features, int maxLength) {
        int n = features.size();
        DecoderState state = model.initialStates(features.toArray(float[][]::new));
        int[] previous = new int[n];
        Arrays.fill(previous, Vocabulary.START_ID);
        List<List<Integer>> words = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            words.add(new ArrayList<>());
        }
        for (int t = 0; t < maxLength; t++) {
            CaptionModel.Step step = model.step(state, previous);
            boolean all = true;
            for (int i = 0; i < n; i++) {
                int best = argmax(step.logProbs()[i]);
                previous[i] = best;
                if (!done[i]) {
                    if (best == Vocabulary.END_ID) {
                        done[i] = true;
                    } else {
                        words.get(i).add(best);
                    }
                }
                all &= done[i];
            }
            if (all) {
                break;
            }
            state = step.next();
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> w : words) {
            out.add(w.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
