package org.captionlab.gui.inspect;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.ImageScores;
import org.captionlab.eval.Metric;
import org.captionlab.service.EvaluationService;
import org.captionlab.gui.library.CaptionScores;

/**
 * Per-image BLEU-4, ROUGE-L and CIDEr-D of a set of captions, through the service's evaluator.
 *
 * <p>CIDEr-D weighs n-grams by their inverse document frequency over the references of every image
 * evaluated together, so a photo's CIDEr-D depends on the set: the app always scores all captioned photos
 * that have references at once, and scores again when captions or references change. With a single
 * image every n-gram has document frequency 1 = N and CIDEr-D is 0 whatever the caption; the view says so.
 * Plain Java, called on a worker thread.
 */
public final class Scorer {

    private static final Set<Metric> METRICS = EnumSet.of(Metric.BLEU_4, Metric.ROUGE_L, Metric.CIDER_D);

    /** Fewest images for which CIDEr-D's document frequencies mean anything. */
    public static final int MIN_IMAGES_FOR_CIDER = 2;

    /**
     * Scores and corpus values of one set.
     *
     * @param perImage scores by key
     * @param corpus   corpus BLEU-4 and mean ROUGE-L / CIDEr-D over the set; empty for an empty set
     */
    public record Result<K>(Map<K, CaptionScores> perImage, Map<Metric, Double> corpus) {
        public Result {
            perImage = Map.copyOf(perImage);
            corpus = Map.copyOf(corpus);
        }

        public int size() {
            return perImage.size();
        }
    }

    private Scorer() {
    }

    /**
     * Scores one caption per key against that key's references.
     *
     * @param candidates key → caption (every key must have references)
     * @param references key → reference captions, each with at least one word
     */
    public static <K> Result<K> score(Map<K, String> candidates, Map<K, List<String>> references) {
        if (candidates.isEmpty()) {
            return new Result<>(Map.of(), Map.of());
        }
        // The evaluator keys images by text and processes them in id order; number the keys so that ids
        // are unique and the order is the caller's.
        Map<String, String> byId = new LinkedHashMap<>();
        Map<String, List<String>> refsById = new HashMap<>();
        Map<String, K> keys = new HashMap<>();
        int i = 0;
        String width = "%0" + Integer.toString(candidates.size()).length() + "d";
        for (Map.Entry<K, String> e : candidates.entrySet()) {
            String id = String.format(width, i++);
            byId.put(id, e.getValue());
            refsById.put(id, references.get(e.getKey()));
            keys.put(id, e.getKey());
        }
        EvaluationResult result = EvaluationService.score(byId, refsById, METRICS);
        Map<K, CaptionScores> perImage = new HashMap<>();
        for (ImageScores s : result.perImage()) {
            perImage.put(keys.get(s.imageId()), new CaptionScores(
                    s.score(Metric.BLEU_4), s.score(Metric.ROUGE_L), s.score(Metric.CIDER_D)));
        }
        return new Result<>(perImage, result.corpus());
    }
}
