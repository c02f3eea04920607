package org.captionlab.model;

import java.util.List;

import org.captionlab.text.Vocabulary;

/**
 * Several decoders with the same vocabulary and feature dimension decoding as one: the log-probabilities of the next
 * word are the members' averaged, renormalised — {@code log p(w) = mean_m log p_m(w) − log Σ_w' exp(mean_m log
 * p_m(w'))}, the normalised geometric mean of their distributions — so greedy, beam search and sampling work on
 * an ensemble unchanged. Each member keeps its own state and its own feature preprocessing (a member trained on
 * standardised features standardises the raw feature itself).
 *
 * <p>An ensemble of one member is that member (same log-probabilities, bit for bit). Immutable and thread-safe when
 * the members are.
 */
public final class EnsembleCaptionModel implements CaptionModel {

    private final List<CaptionModel> members;
    private final Vocabulary vocabulary;
    private final int featureDim;

    /**
     * @throws IllegalArgumentException when there are no members, or their vocabularies or feature dimensions differ
     */
    public EnsembleCaptionModel(List<? extends CaptionModel> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.members = List.copyOf(members);
        this.vocabulary = members.get(0).vocabulary();
        this.featureDim = members.get(0).featureDim();
        for (int m = 1; m < members.size(); m++) {
            CaptionModel other = members.get(m);
            if (!other.vocabulary().equals(vocabulary)) {
                throw new IllegalArgumentException("model " + (m + 1) + " of the ensemble has another vocabulary ("
                        + other.vocabulary().size() + " tokens against " + vocabulary.size() + "): an ensemble averages"
                        + " the same words' probabilities");
            }
            if (other.featureDim() != featureDim) {
                throw new IllegalArgumentException("model " + (m + 1) + " of the ensemble takes " + other.featureDim()
                        + "-d features, model 1 " + featureDim + "-d");
            }
        }
    }

    /** The members, in order. */
    public List<CaptionModel> members() {
        return members;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int featureDim() {
        return featureDim;
    }

    @Override
    public DecoderState initialState(float[] feature) {
        return initialStates(new float[][] {feature});
    }

    @Override
    public DecoderState initialStates(float[][] features) {
        DecoderState[] states = new DecoderState[members.size()];
        for (int m = 0; m < states.length; m++) {
            states[m] = members.get(m).initialStates(features);
        }
        return new State(states);
    }

    @Override
    public Step step(DecoderState state, int[] previousTokens) {
        if (!(state instanceof State s) || s.states.length != members.size()) {
            throw new IllegalArgumentException("state was not made by this ensemble: " + state);
        }
        if (members.size() == 1) {
            Step only = members.get(0).step(s.states[0], previousTokens);
            return new Step(only.logProbs(), new State(new DecoderState[] {only.next()}));
        }
        DecoderState[] next = new DecoderState[members.size()];
        float[][] sum = null;
        for (int m = 0; m < members.size(); m++) {
            Step step = members.get(m).step(s.states[m], previousTokens);
            next[m] = step.next();
            float[][] lp = step.logProbs();
            if (sum == null) {
                sum = new float[lp.length][];
                for (int r = 0; r < lp.length; r++) {
                    sum[r] = lp[r].clone();
                }
            } else {
                for (int r = 0; r < lp.length; r++) {
                    float[] a = sum[r];
                    float[] b = lp[r];
                    for (int j = 0; j < a.length; j++) {
                        a[j] += b[j];
                    }
                }
            }
        }
        float inverse = 1f / members.size();
        for (float[] row : sum) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= inverse;
            }
            // The mean of log-distributions is not normalised; search and sampling expect a distribution.
            RecurrentCaptionModel.logSoftmaxInPlace(row);
        }
        return new Step(sum, new State(next));
    }

    @Override
    public String toString() {
        return "EnsembleCaptionModel" + members;
    }

    /** One state per member, rows aligned. */
    private static final class State implements DecoderState {
        private final DecoderState[] states;

        State(DecoderState[] states) {
            this.states = states;
        }

        @Override
        public int size() {
            return states[0].size();
        }

        @Override
        public DecoderState select(int[] rows) {
            DecoderState[] selected = new DecoderState[states.length];
            for (int m = 0; m < states.length; m++) {
                selected[m] = states[m].select(rows);
            }
            return new State(selected);
        }
    }
}
