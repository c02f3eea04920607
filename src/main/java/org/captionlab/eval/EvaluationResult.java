package org.captionlab.eval;

import java.util.List;
import java.util.Map;

/**
 * Corpus-level metrics and per-image scores of one evaluation.
 *
 * @param corpus   corpus-level value of each metric (BLEU is the corpus BLEU, not a mean of per-image BLEU)
 * @param perImage per-image scores, sorted worst CIDEr-D first
 */
public record EvaluationResult(Map<Metric, Double> corpus, List<ImageScores> perImage) {
    public EvaluationResult {
        corpus = Map.copyOf(corpus);
        perImage = List.copyOf(perImage);
    }

    public double corpus(Metric metric) {
        return corpus.getOrDefault(metric, Double.NaN);
    }
}
