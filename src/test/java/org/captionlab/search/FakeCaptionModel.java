package org.captionlab.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;
import org.captionlab.text.Vocabulary;

/**
 * A caption model whose next-word distribution is a known function of the prefix (and feature), so
 * that the right search results can be worked out by hand. Its state stores the prefixes, it checks
 * that searches feed {@code <start>} first and never feed {@code <start>}/{@code <end>} afterwards,
 * and it records every batch it was asked to step (as prefix texts).
 */
final class FakeCaptionModel implements CaptionModel {

    /** Probabilities over the whole vocabulary (markers included) after {@code prefix}. */
    @FunctionalInterface
    interface Distribution {
        double[] probabilities(int[] prefix, float[] feature);
    }

    static final int FEATURE_DIM = 2;
    static final float[] FEATURE = {0.5f, -0.5f};

    private final Vocabulary vocab;
    private final Distribution distribution;
    private final List<List<String>> batches = new ArrayList<>();

    FakeCaptionModel(Vocabulary vocab, Distribution distribution) {
        this.vocab = vocab;
        this.distribution = distribution;
    }

    /** A vocabulary whose words get ids 3, 4, ... in the given order. */
    static Vocabulary vocabulary(String... words) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            counts.put(words[i], 1000 - i);
        }
        return Vocabulary.build(counts, 1);
    }

    /** Prefixes stepped, one list per {@link #step} call (the batch rows in order). */
    List<List<String>> batches() {
        return batches;
    }

    int stepCalls() {
        return batches.size();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    @Override
    public DecoderState initialState(float[] feature) {
        return initialStates(new float[][]{feature});
    }

    @Override
    public DecoderState initialStates(float[][] features) {
        return new State(new int[features.length][], features.clone());
    }

    @Override
    public Step step(DecoderState state, int[] previousTokens) {
        State s = (State) state;
        if (previousTokens.length != s.size()) {
            throw new IllegalArgumentException(previousTokens.length + " tokens for " + s.size() + " rows");
        }
        int[][] prefixes = new int[s.size()][];
        float[][] logProbs = new float[s.size()][];
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int token = previousTokens[i];
            int[] prefix = s.prefixes[i];
            if (prefix == null) {
                if (token != Vocabulary.START_ID) {
                    throw new IllegalStateException("first token fed must be <start>, was " + vocab.token(token));
                }
                prefix = new int[0];
            } else {
                if (token == Vocabulary.START_ID || token == Vocabulary.END_ID) {
                    throw new IllegalStateException("marker " + vocab.token(token) + " fed after the start");
                }
                prefix = Arrays.copyOf(prefix, prefix.length + 1);
                prefix[prefix.length - 1] = token;
            }
            prefixes[i] = prefix;
            batch.add(text(vocab, prefix));
            double[] p = distribution.probabilities(prefix, s.features[i]);
            double sum = Arrays.stream(p).sum();
            if (p.length != vocab.size() || Math.abs(sum - 1) > 1e-9) {
                throw new IllegalStateException("bad distribution for '" + text(vocab, prefix) + "': sum " + sum);
            }
            logProbs[i] = new float[p.length];
            for (int j = 0; j < p.length; j++) {
                logProbs[i][j] = (float) Math.log(p[j]);
            }
        }
        batches.add(batch);
        return new Step(logProbs, new State(prefixes, s.features));
    }

    static String text(Vocabulary vocab, int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(vocab.token(id));
        }
        return sb.toString();
    }

    /** Rows = hypotheses; {@code null} prefix = {@code <start>} not fed yet. */
    private record State(int[][] prefixes, float[][] features) implements DecoderState {
        @Override
        public int size() {
            return prefixes.length;
        }

        @Override
        public DecoderState select(int[] rows) {
            int[][] p = new int[rows.length][];
            float[][] f = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                p[i] = prefixes[rows[i]];
                f[i] = features[rows[i]];
            }
            return new State(p, f);
        }
    }

    /**
     * Distributions given per prefix text ({@code ""} before the first word): listed tokens get the
     * given probabilities; the rest of the mass is spread evenly over the unlisted tokens, markers
     * included (so masking {@code <start>}/{@code <unk>} matters). Prefixes without a rule use the
     * rule of their last word if one was given with {@link #afterWord}, else the default.
     */
    static final class Table implements Distribution {
        private final Vocabulary vocab;
        private final Map<String, Map<String, Double>> byPrefix = new HashMap<>();
        private final Map<String, Map<String, Double>> byLastWord = new HashMap<>();
        private final Map<String, Double> defaults;

        Table(Vocabulary vocab, Object... defaults) {
            this.vocab = vocab;
            this.defaults = pairs(defaults);
        }

        Table on(String prefix, Object... tokenProbs) {
            byPrefix.put(prefix, pairs(tokenProbs));
            return this;
        }

        Table afterWord(String word, Object... tokenProbs) {
            byLastWord.put(word, pairs(tokenProbs));
            return this;
        }

        @Override
        public double[] probabilities(int[] prefix, float[] feature) {
            Map<String, Double> rule = byPrefix.get(text(vocab, prefix));
            if (rule == null && prefix.length > 0) {
                rule = byLastWord.get(vocab.token(prefix[prefix.length - 1]));
            }
            if (rule == null) {
                rule = defaults;
            }
            double[] p = new double[vocab.size()];
            double listed = 0;
            for (Map.Entry<String, Double> e : rule.entrySet()) {
                if (!vocab.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown token " + e.getKey());
                }
                p[vocab.indexOf(e.getKey())] = e.getValue();
                listed += e.getValue();
            }
            int unlisted = vocab.size() - rule.size();
            double rest = 1 - listed;
            if (rest < -1e-12) {
                throw new IllegalArgumentException("probabilities sum to " + listed);
            }
            if (unlisted > 0 && rest > 1e-12) {
                for (int j = 0; j < p.length; j++) {
                    if (!rule.containsKey(vocab.token(j))) {
                        p[j] = rest / unlisted;
                    }
                }
            } else if (rest > 1e-12) {
                throw new IllegalArgumentException("probabilities sum to " + listed + " with no token left");
            }
            return p;
        }

        private static Map<String, Double> pairs(Object... tokenProbs) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < tokenProbs.length; i += 2) {
                m.put((String) tokenProbs[i], ((Number) tokenProbs[i + 1]).doubleValue());
            }
            return m;
        }
    }

    /**
     * A random but fixed distribution over {@code vocabSize} tokens for every (prefix, feature):
     * weights {@code exp(spread·N(0,1))} from a generator seeded by the seed, prefix and feature, so
     * calls are reproducible; the {@code <end>} weight is multiplied by {@code endBias}.
     */
    static Distribution random(int vocabSize, long seed, double spread, double endBias) {
        return (prefix, feature) -> {
            long h = mix(seed);
            for (int id : prefix) {
                h = mix(h * 31 + id);
            }
            h = mix(h * 31 + Arrays.hashCode(feature));
            return weights(new Random(h), spread, endBias, vocabSize);
        };
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[] weights(Random r, double spread, double endBias, int size) {
        double[] p = new double[size];
        double sum = 0;
        for (int j = 0; j < size; j++) {
            p[j] = Math.exp(spread * r.nextGaussian()) * (j == Vocabulary.END_ID ? endBias : 1);
            sum += p[j];
        }
        for (int j = 0; j < size; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
