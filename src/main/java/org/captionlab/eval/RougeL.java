package org.captionlab.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ROUGE-L exactly as pycocoevalcap computes it ({@code rouge/rouge.py}, Lin 2004 with the β of the
 * COCO evaluation code).
 *
 * <p>For a candidate c and references r_1..r_m, with LCS the length of the longest common subsequence:
 * <pre>
 *   P = max_j LCS(c, r_j) / |c|        R = max_j LCS(c, r_j) / |r_j|
 *   ROUGE-L = (1 + β²)·P·R / (R + β²·P)   if P ≠ 0 and R ≠ 0, else 0;     β = {@value #BETA}
 *   corpus ROUGE-L = mean over images
 * </pre>
 * P and R are maximised independently (possibly over different references), as rouge.py does; this
 * is not the maximum of the per-reference F-measures.
 *
 * <p>rouge.py splits captions with {@code str.split(" ")}, so an empty caption becomes one empty token
 * (length 1, matching nothing but another empty caption); this class reproduces that, so an empty
 * candidate scores 0.
 *
 * <p>Pure function: no state, safe to call from several threads.
 */
public final class RougeL {

    /** Weight of recall over precision (rouge.py: "updated the value below based on discussion with Hovey"). */
    public static final double BETA = 1.2;

    private RougeL() {
    }

    /** Per-image ROUGE-L of the images (in input order) and their mean. */
    public static MetricScores compute(List<TokenizedCaptions> images) {
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("ROUGE-L needs at least one image, got none");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        double[] scores = new double[images.size()];
        for (int i = 0; i < scores.length; i++) {
            TokenizedCaptions image = images.get(i);
            int[] candidate = encode(image.candidate(), vocabulary);
            int[][] references = new int[image.references().size()][];
            for (int r = 0; r < references.length; r++) {
                references[r] = encode(image.references().get(r), vocabulary);
            }
            scores[i] = score(candidate, references);
        }
        return MetricScores.mean(scores);
    }

    /** ROUGE-L of one candidate against its references. */
    public static double score(List<String> candidate, List<List<String>> references) {
        return compute(List.of(new TokenizedCaptions(candidate, references))).corpus();
    }

    /** Length of the longest common subsequence of two token lists (rouge.py's {@code my_lcs}). */
    public static int lcsLength(List<String> a, List<String> b) {
        Map<String, Integer> vocabulary = new HashMap<>();
        return lcs(encode(a, vocabulary), encode(b, vocabulary));
    }

    private static double score(int[] candidate, int[][] references) {
        double precisionMax = 0;
        double recallMax = 0;
        for (int[] reference : references) {
            int lcs = lcs(reference, candidate);
            precisionMax = Math.max(precisionMax, lcs / (double) candidate.length);
            recallMax = Math.max(recallMax, lcs / (double) reference.length);
        }
        if (precisionMax != 0 && recallMax != 0) {
            double beta2 = BETA * BETA;
            return ((1 + beta2) * precisionMax * recallMax) / (recallMax + beta2 * precisionMax);
        }
        return 0.0;
    }

    /** Word ids; an empty caption becomes the single empty token, as {@code "".split(" ") == ['']}. */
    private static int[] encode(List<String> tokens, Map<String, Integer> vocabulary) {
        List<String> split = tokens.isEmpty() ? List.of("") : tokens;
        int[] ids = new int[split.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.computeIfAbsent(split.get(i), w -> vocabulary.size());
        }
        return ids;
    }

    /** Classic O(|a|·|b|) dynamic programme, two rows. */
    private static int lcs(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1]
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }
}
