package org.captionlab.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * BLEU-1..4 exactly as pycocoevalcap computes it ({@code bleu/bleu.py} calling
 * {@code bleu/bleu_scorer.py}'s {@code BleuScorer.compute_score(option='closest')}), corpus level and
 * per image.
 *
 * <p>For each image i with candidate c (length |c|) and references r_1..r_m:
 * <ul>
 *   <li>{@code guess_n(i) = max(0, |c| - n + 1)}: the number of candidate n-grams;</li>
 *   <li>{@code correct_n(i) = Σ_g min(count_c(g), max_j count_{r_j}(g))} over the candidate's distinct
 *       n-grams g: modified precision's clipped matches;</li>
 *   <li>{@code reflen(i)}: the "closest" reference length, the length l_j minimising
 *       {@code (|l_j - |c||, l_j)} — on a tie the shorter reference wins (Python's tuple {@code min}).</li>
 * </ul>
 * With {@code tiny = 1e-15} and {@code small = 1e-9} (pycocoevalcap's guards against 0/0):
 * <pre>
 *   corpus BLEU-N = ( Π_{n=1..N} (Σ_i correct_n + tiny) / (Σ_i guess_n + small) )^(1/N) · BP
 *   BP            = exp(1 - 1/ratio) if ratio &lt; 1, else 1,   ratio = (Σ_i |c_i| + tiny) / (Σ_i reflen(i) + small)
 *   image  BLEU-N = the same formula on the image's own counts and lengths
 * </pre>
 * Consequences of following the reference code rather than the textbook, kept on purpose so numbers
 * compare with published COCO results: a zero precision does not make BLEU exactly 0 (it yields a
 * factor {@code tiny/small = 1e-6} under the root, e.g. ≈ 8e-5 for BLEU-4 with one missing order, and
 * ≈ 1e-16 for a candidate sharing no word with its references; only an empty candidate scores 0); the
 * brevity penalty is computed from corpus totals, not averaged; and a candidate exactly as long as its
 * reference gets {@code ratio} slightly below 1, hence a penalty of about {@code exp(-1.7e-10)}.
 *
 * <p>Pure function: no state, safe to call from several threads.
 */
public final class Bleu {

    /** Highest n-gram order (pycocoevalcap's {@code Bleu(4)}). */
    public static final int MAX_N = 4;
    /** pycocoevalcap's {@code tiny}, added to match counts and to the candidate length. */
    public static final double TINY = 1e-15;
    /** pycocoevalcap's {@code small}, added to n-gram totals and to the reference length. */
    public static final double SMALL = 1e-9;

    private Bleu() {
    }

    /**
     * BLEU of a set of images.
     *
     * @param candidateLength Σ_i |c_i|, pycocoevalcap's {@code _testlen}
     * @param referenceLength Σ_i reflen(i) with the "closest" option, pycocoevalcap's {@code _reflen}
     * @param byOrder         {@code byOrder.get(n-1)} holds BLEU-n (corpus and per image)
     */
    public record Result(List<MetricScores> byOrder, long candidateLength, long referenceLength) {
        public Result {
            byOrder = List.copyOf(byOrder);
        }

        /** BLEU-n scores, n in 1..{@value #MAX_N}. */
        public MetricScores bleu(int n) {
            if (n < 1 || n > byOrder.size()) {
                throw new IllegalArgumentException("BLEU order must be 1.." + byOrder.size() + ", got " + n);
            }
            return byOrder.get(n - 1);
        }
    }

    /** BLEU-1..4 of the images, corpus level and per image (in input order). */
    public static Result compute(List<TokenizedCaptions> images) {
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one image, got none");
        }
        NGramIndex index = new NGramIndex(MAX_N);
        long[] totalCorrect = new long[MAX_N];
        long[] totalGuess = new long[MAX_N];
        long totalTestLength = 0;
        long totalRefLength = 0;
        double[][] perImage = new double[MAX_N][images.size()];

        long[] correct = new long[MAX_N];
        long[] guess = new long[MAX_N];
        for (int i = 0; i < images.size(); i++) {
            TokenizedCaptions image = images.get(i);
            NGramIndex.Counts candidate = index.count(image.candidate());
            List<NGramIndex.Counts> references = new ArrayList<>(image.references().size());
            for (List<String> reference : image.references()) {
                references.add(index.count(reference));
            }
            int testLength = candidate.length();
            int refLength = closestReferenceLength(references, testLength);
            for (int k = 0; k < MAX_N; k++) {
                guess[k] = Math.max(0, testLength - k);
                correct[k] = clippedMatches(candidate, references, k);
                totalGuess[k] += guess[k];
                totalCorrect[k] += correct[k];
            }
            totalTestLength += testLength;
            totalRefLength += refLength;

            double[] imageBleu = bleu(correct, guess, testLength, refLength);
            for (int k = 0; k < MAX_N; k++) {
                perImage[k][i] = imageBleu[k];
            }
        }

        double[] corpus = bleu(totalCorrect, totalGuess, totalTestLength, totalRefLength);
        List<MetricScores> byOrder = new ArrayList<>(MAX_N);
        for (int k = 0; k < MAX_N; k++) {
            byOrder.add(new MetricScores(corpus[k], MetricScores.boxed(perImage[k])));
        }
        return new Result(byOrder, totalTestLength, totalRefLength);
    }

    /** BLEU of a single candidate against its references (equal to its per-image value). */
    public static double[] sentence(List<String> candidate, List<List<String>> references) {
        Result result = compute(List.of(new TokenizedCaptions(candidate, references)));
        double[] out = new double[MAX_N];
        for (int n = 1; n <= MAX_N; n++) {
            out[n - 1] = result.bleu(n).corpus();
        }
        return out;
    }

    /** pycocoevalcap's cumulative geometric mean with its brevity penalty; same code for image and corpus. */
    private static double[] bleu(long[] correct, long[] guess, long testLength, long refLength) {
        double[] out = new double[MAX_N];
        double product = 1.0;
        for (int k = 0; k < MAX_N; k++) {
            product *= ((double) correct[k] + TINY) / ((double) guess[k] + SMALL);
            out[k] = Math.pow(product, 1.0 / (k + 1));
        }
        double ratio = ((double) testLength + TINY) / ((double) refLength + SMALL);
        if (ratio < 1) {
            double penalty = Math.exp(1 - 1 / ratio);
            for (int k = 0; k < MAX_N; k++) {
                out[k] *= penalty;
            }
        }
        return out;
    }

    /** {@code min((abs(l - testlen), l) for l in reflens)[1]}: closest length, shorter one on a tie. */
    private static int closestReferenceLength(List<NGramIndex.Counts> references, int testLength) {
        int best = -1;
        for (NGramIndex.Counts reference : references) {
            int length = reference.length();
            if (best < 0) {
                best = length;
                continue;
            }
            int distance = Math.abs(length - testLength);
            int bestDistance = Math.abs(best - testLength);
            if (distance < bestDistance || (distance == bestDistance && length < best)) {
                best = length;
            }
        }
        return best;
    }

    /** Σ over the candidate's distinct k-grams of min(candidate count, max count in any one reference). */
    private static int clippedMatches(NGramIndex.Counts candidate, List<NGramIndex.Counts> references, int k) {
        int[] ids = candidate.ids()[k];
        int[] counts = candidate.counts()[k];
        if (ids.length == 0) {
            return 0;
        }
        int[] maxRef = new int[ids.length];
        for (NGramIndex.Counts reference : references) {
            int[] refIds = reference.ids()[k];
            int[] refCounts = reference.counts()[k];
            int a = 0;
            int b = 0;
            while (a < ids.length && b < refIds.length) {
                if (ids[a] < refIds[b]) {
                    a++;
                } else if (ids[a] > refIds[b]) {
                    b++;
                } else {
                    maxRef[a] = Math.max(maxRef[a], refCounts[b]);
                    a++;
                    b++;
                }
            }
        }
        int matches = 0;
        for (int j = 0; j < ids.length; j++) {
            matches += Math.min(counts[j], maxRef[j]);
        }
        return matches;
    }
}
