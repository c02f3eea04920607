package org.captionlab.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIDEr-D of one caption against its image's references with <em>fixed</em> document frequencies, the reward of
 * self-critical training (Rennie et al. 2017 used the training references' frequencies, as here).
 *
 * <p>Same formula as {@link CiderD} (tf-idf n-gram vectors for n = 1..4, clipped cosine, Gaussian length penalty
 * σ = 6, ×10), but {@code df} and {@code N} come from the corpus given at construction — the training split's
 * references — instead of the evaluated set, so a caption's reward does not depend on which other captions are
 * scored with it. Scoring a caption against references from that corpus with {@code N} its image count gives the
 * value {@link CiderD} gives it when the evaluated set is that corpus.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class CiderDReward {

    private final Map<String, Integer> documentFrequency;
    private final double logImages;

    private CiderDReward(Map<String, Integer> documentFrequency, int images) {
        this.documentFrequency = documentFrequency;
        this.logImages = Math.log(images);
    }

    /**
     * Document frequencies over a corpus: one entry per image, each the tokenised reference captions of that image
     * (an n-gram counts once per image however many of its references contain it).
     */
    public static CiderDReward fromReferences(List<List<List<String>>> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("CIDEr-D document frequencies need at least one image");
        }
        Map<String, Integer> df = new HashMap<>();
        for (List<List<String>> references : corpus) {
            Set<String> seen = new HashSet<>();
            for (List<String> reference : references) {
                for (int k = 1; k <= CiderD.MAX_N; k++) {
                    for (int i = 0; i + k <= reference.size(); i++) {
                        seen.add(key(reference, i, k));
                    }
                }
            }
            for (String gram : seen) {
                df.merge(gram, 1, Integer::sum);
            }
        }
        return new CiderDReward(df, corpus.size());
    }

    /** Number of distinct n-grams in the document-frequency table (for logs). */
    public int ngrams() {
        return documentFrequency.size();
    }

    /**
     * The precomputed tf-idf vectors of one image's references, to score many candidates of that image without
     * recomputing them.
     */
    public References references(List<List<String>> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("at least one reference caption is needed");
        }
        List<Vector> vectors = new ArrayList<>(references.size());
        for (List<String> r : references) {
            vectors.add(vector(r));
        }
        return new References(vectors);
    }

    /** CIDEr-D of {@code candidate} against the image's references (0 for an empty candidate). */
    public double score(List<String> candidate, References references) {
        Vector c = vector(candidate);
        double[] sum = new double[CiderD.MAX_N];
        for (Vector r : references.vectors) {
            int delta = c.length - r.length;
            double penalty = Math.exp(-((double) delta * delta) / (2 * CiderD.SIGMA * CiderD.SIGMA));
            for (int k = 0; k < CiderD.MAX_N; k++) {
                sum[k] += similarity(c, r, k) * penalty;
            }
        }
        double mean = 0;
        for (double s : sum) {
            mean += s;
        }
        mean /= CiderD.MAX_N;
        return mean / references.vectors.size() * CiderD.SCALE;
    }

    /** One image's references as tf-idf vectors. */
    public static final class References {
        private final List<Vector> vectors;

        private References(List<Vector> vectors) {
            this.vectors = List.copyOf(vectors);
        }
    }

    private static String key(List<String> tokens, int from, int k) {
        // Tokens hold no whitespace (see TokenizedCaptions), so a space joins them unambiguously.
        return k == 1 ? tokens.get(from) : String.join(" ", tokens.subList(from, from + k));
    }

    private Vector vector(List<String> tokens) {
        List<Map<String, Double>> values = new ArrayList<>(CiderD.MAX_N);
        double[] norms = new double[CiderD.MAX_N];
        int bigrams = 0;
        for (int k = 1; k <= CiderD.MAX_N; k++) {
            Map<String, Integer> tf = new HashMap<>();
            for (int i = 0; i + k <= tokens.size(); i++) {
                tf.merge(key(tokens, i, k), 1, Integer::sum);
            }
            Map<String, Double> v = new HashMap<>();
            double squares = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                double idf = logImages - Math.log(Math.max(1.0, documentFrequency.getOrDefault(e.getKey(), 0)));
                double value = e.getValue() * idf;
                v.put(e.getKey(), value);
                squares += value * value;
                if (k == 2) {
                    bigrams += e.getValue();
                }
            }
            values.add(v);
            norms[k - 1] = Math.sqrt(squares);
        }
        return new Vector(values, norms, bigrams);
    }

    private static double similarity(Vector hyp, Vector ref, int k) {
        Map<String, Double> h = hyp.values.get(k);
        Map<String, Double> r = ref.values.get(k);
        double value = 0;
        for (Map.Entry<String, Double> e : h.entrySet()) {
            Double rv = r.get(e.getKey());
            if (rv != null) {
                value += Math.min(e.getValue(), rv) * rv;
            }
        }
        if (hyp.norms[k] != 0 && ref.norms[k] != 0) {
            value /= hyp.norms[k] * ref.norms[k];
        }
        return value;
    }

    /** tf-idf values per order, their norms, and the bigram count (cider_scorer.py's length). */
    private record Vector(List<Map<String, Double>> values, double[] norms, int length) {
    }
}
