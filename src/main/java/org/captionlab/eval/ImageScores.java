package org.captionlab.eval;

import java.util.List;
import java.util.Map;

/**
 * Scores of one image's candidate caption against its references.
 *
 * @param imageId    the image's key (file name or dataset id)
 * @param candidate  the evaluated caption (as given, before tokenisation)
 * @param references the reference captions (as given)
 * @param scores     per-image value of each metric
 */
public record ImageScores(String imageId, String candidate, List<String> references, Map<Metric, Double> scores) {
    public ImageScores {
        references = List.copyOf(references);
        scores = Map.copyOf(scores);
    }

    /** The value of one metric (NaN if absent). */
    public double score(Metric metric) {
        return scores.getOrDefault(metric, Double.NaN);
    }
}
