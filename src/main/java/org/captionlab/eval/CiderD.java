package org.captionlab.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CIDEr-D exactly as pycocoevalcap computes it ({@code cider/cider.py} calling
 * {@code cider/cider_scorer.py}; Vedantam, Zitnick &amp; Parikh 2015, the "-D" variant with clipping and
 * a length penalty, which is what the COCO evaluation server reports as "CIDEr").
 *
 * <p>Over an evaluated set of N images, for n = 1..{@value #MAX_N}:
 * <pre>
 *   df(g)      = number of images among whose references the n-gram g occurs (the WHOLE evaluated set)
 *   g_k(s)     = tf_k(s) · ( log N − log max(1, df(k)) )          tf-idf of n-gram k in caption s
 *   sim_n(c,r) = Σ_k min(g_k(c), g_k(r)) · g_k(r) / (‖g(c)‖ · ‖g(r)‖) · exp(−δ² / (2σ²))
 *   CIDEr-D(c) = 10 · (1/4) Σ_{n=1..4} (1/m) Σ_{j=1..m} sim_n(c, r_j)
 *   corpus CIDEr-D = mean over images
 * </pre>
 * with σ = {@value #SIGMA}, m the number of references, and the division skipped when either norm is 0
 * (the reference code's guard). Details reproduced from the reference code:
 * <ul>
 *   <li>the "reference length" in the idf is {@code log N} ({@code np.log(float(len(self.crefs)))}), so
 *       a set of ONE image always scores 0, and an n-gram present in every image's references weighs 0;</li>
 *   <li>δ is the difference of the numbers of BIGRAMS of candidate and reference (cider_scorer.py adds
 *       term frequencies to {@code length} when its 0-based order index {@code n == 1}). That equals the
 *       difference of word counts whenever both captions are non-empty, and a pair with an empty caption
 *       has similarity 0 whatever the penalty, so the outcome is the textbook length penalty;</li>
 *   <li>n-grams of the candidate absent from all references get df 0, i.e. idf {@code log N}.</li>
 * </ul>
 * Per-image values therefore depend on the whole evaluated set, not on the image alone.
 *
 * <p>Pure function: no state, safe to call from several threads.
 */
public final class CiderD {

    /** Highest n-gram order. */
    public static final int MAX_N = 4;
    /** Standard deviation of the Gaussian length penalty. */
    public static final double SIGMA = 6.0;
    /** Scale of the reported value (so identical captions score {@value #SCALE}). */
    public static final double SCALE = 10.0;

    private CiderD() {
    }

    /** Per-image CIDEr-D of the images (in input order) and their mean. */
    public static MetricScores compute(List<TokenizedCaptions> images) {
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("CIDEr-D needs at least one image, got none");
        }
        int imageCount = images.size();
        NGramIndex index = new NGramIndex(MAX_N);
        NGramIndex.Counts[] candidates = new NGramIndex.Counts[imageCount];
        NGramIndex.Counts[][] references = new NGramIndex.Counts[imageCount][];
        for (int i = 0; i < imageCount; i++) {
            TokenizedCaptions image = images.get(i);
            candidates[i] = index.count(image.candidate());
            references[i] = new NGramIndex.Counts[image.references().size()];
            for (int r = 0; r < references[i].length; r++) {
                references[i][r] = index.count(image.references().get(r));
            }
        }

        double[] weight = idf(references, index.size(), Math.log(imageCount));

        double[] scores = new double[imageCount];
        double[] sum = new double[MAX_N];
        for (int i = 0; i < imageCount; i++) {
            Vector candidate = new Vector(candidates[i], weight);
            Arrays.fill(sum, 0.0);
            for (NGramIndex.Counts referenceCounts : references[i]) {
                Vector reference = new Vector(referenceCounts, weight);
                double penalty = lengthPenalty(candidate.length - reference.length);
                for (int k = 0; k < MAX_N; k++) {
                    sum[k] += similarity(candidate, reference, k) * penalty;
                }
            }
            double mean = 0;
            for (int k = 0; k < MAX_N; k++) {
                mean += sum[k];
            }
            mean /= MAX_N;
            scores[i] = mean / references[i].length * SCALE;
        }
        return MetricScores.mean(scores);
    }

    /**
     * {@code ref_len - log(max(1, df))} for every n-gram id, df counted once per image over the union of
     * its references' n-grams (cider_scorer.py's {@code compute_doc_freq}).
     */
    private static double[] idf(NGramIndex.Counts[][] references, int ngramCount, double refLen) {
        int[] documentFrequency = new int[ngramCount];
        int[] lastImage = new int[ngramCount];
        Arrays.fill(lastImage, -1);
        for (int i = 0; i < references.length; i++) {
            for (NGramIndex.Counts reference : references[i]) {
                for (int[] ids : reference.ids()) {
                    for (int id : ids) {
                        if (lastImage[id] != i) {
                            lastImage[id] = i;
                            documentFrequency[id]++;
                        }
                    }
                }
            }
        }
        double[] weight = new double[ngramCount];
        for (int id = 0; id < ngramCount; id++) {
            weight[id] = refLen - Math.log(Math.max(1.0, documentFrequency[id]));
        }
        return weight;
    }

    /** {@code np.e ** (-(delta**2) / (2 * sigma**2))}. */
    private static double lengthPenalty(int delta) {
        return Math.exp(-((double) delta * delta) / (2 * SIGMA * SIGMA));
    }

    /** Clipped cosine of order k (0-based), before the length penalty. */
    private static double similarity(Vector hyp, Vector ref, int k) {
        int[] hypIds = hyp.ids[k];
        int[] refIds = ref.ids[k];
        double[] hypValues = hyp.values[k];
        double[] refValues = ref.values[k];
        double value = 0;
        int a = 0;
        int b = 0;
        while (a < hypIds.length && b < refIds.length) {
            if (hypIds[a] < refIds[b]) {
                a++;
            } else if (hypIds[a] > refIds[b]) {
                b++;
            } else {
                value += Math.min(hypValues[a], refValues[b]) * refValues[b];
                a++;
                b++;
            }
        }
        if (hyp.norms[k] != 0 && ref.norms[k] != 0) {
            value /= hyp.norms[k] * ref.norms[k];
        }
        return value;
    }

    /** cider_scorer.py's {@code counts2vec}: tf-idf values per order, their L2 norms, and the bigram count. */
    private static final class Vector {
        final int[][] ids;
        final double[][] values;
        final double[] norms;
        final int length;

        Vector(NGramIndex.Counts counts, double[] weight) {
            ids = counts.ids();
            values = new double[MAX_N][];
            norms = new double[MAX_N];
            int bigrams = 0;
            for (int k = 0; k < MAX_N; k++) {
                int[] termFrequency = counts.counts()[k];
                values[k] = new double[termFrequency.length];
                double squares = 0;
                for (int j = 0; j < termFrequency.length; j++) {
                    double v = termFrequency[j] * weight[ids[k][j]];
                    values[k][j] = v;
                    squares += v * v;
                    if (k == 1) {
                        bigrams += termFrequency[j];
                    }
                }
                norms[k] = Math.sqrt(squares);
            }
            length = bigrams;
        }
    }
}
