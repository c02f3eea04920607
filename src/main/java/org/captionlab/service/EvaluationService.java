package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.CocoResults;
import org.captionlab.data.FeatureCache;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Evaluator;
import org.captionlab.eval.Metric;
import org.captionlab.model.Manifest;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.train.CaptionedFeature;
import org.captionlab.util.ProgressListener;

/**
 * Evaluates a model on a dataset the way caption papers do: the best caption per image against its
 * references, BLEU-1..4, ROUGE-L and CIDEr-D (document frequencies over the whole evaluated set).
 */
public final class EvaluationService {

    /**
     * The outcome.
     *
     * @param model       model name
     * @param result      corpus and per-image metrics (worst CIDEr-D first)
     * @param predictions best caption per image id, in dataset order
     * @param problems    images that could not be used
     * @param options     the decoding options used
     */
    public record Run(String model, EvaluationResult result, Map<String, String> predictions, List<String> problems,
                      DecodeOptions options) {
    }

    private EvaluationService() {
    }

    /**
     * Captions every image of {@code data} with the service's model (features from the feature cache,
     * encoded once) and scores the best captions.
     */
    public static Run evaluateModel(Settings settings, CaptioningService service, DatasetSpec data, DecodeOptions options,
                                    ProgressListener encoding, ProgressListener decoding, BooleanSupplier cancelled)
            throws IOException {
        CaptionDataset dataset = DatasetLoading.load(data);
        if (dataset.images().isEmpty()) {
            throw new IOException("no images to evaluate in '" + data.captions() + "'"
                    + (data.split() != null ? " for split " + data.split() : ""));
        }
        FeatureSet features;
        try (FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), service.encoder().id(),
                service.encoder().weightsSha256(), service.encoder().featureDim())) {
            features = FeatureSet.of(dataset, service.encoder(), cache, encoding, cancelled);
        }
        if (features.cancelled()) {
            // Cancellation is its own outcome, not an I/O failure: callers tell the user it stopped, not that it broke.
            throw new CancellationException("evaluation cancelled while encoding images");
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        Map<String, List<String>> references = new HashMap<>();
        List<CaptionedFeature> examples = features.examples();
        for (int i = 0; i < examples.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled after " + i + " of " + examples.size() + " images");
            }
            CaptionedFeature e = examples.get(i);
            List<Caption> captions = service.decode(e.feature(), options);
            predictions.put(e.imageId(), captions.isEmpty() ? "" : captions.get(0).text());
            references.put(e.imageId(), e.captions());
            decoding.progress(i + 1, examples.size(), e.imageId());
        }
        return new Run(service.model().name(), Evaluator.evaluate(predictions, references), predictions,
                features.problems(), options);
    }

    /**
     * Records an evaluation in the model's manifest as {@code metrics[run]} (corpus values by metric
     * label, plus the number of images), and optionally makes its decoding options the model's defaults.
     * The manifest is rewritten atomically; the weights are untouched.
     */
    public static Manifest recordInManifest(Path modelDir, String run, Run evaluation, boolean setDefaultDecoding)
            throws IOException {
        Path file = modelDir.resolve(Manifest.FILE_NAME);
        Manifest manifest = Manifest.read(file);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            scores.put(m.label(), evaluation.result().corpus(m));
        }
        scores.put("images", (double) evaluation.result().perImage().size());
        manifest = manifest.withMetrics(run, scores);
        if (setDefaultDecoding) {
            manifest = manifest.withDecoding(evaluation.options().toDefaults());
        }
        manifest.write(file);
        return manifest;
    }

    /**
     * Scores a COCO results file (captions made elsewhere) against a reference file in any format the
     * core reads (COCO, Karpathy, Flickr8k, CSV).
     */
    public static EvaluationResult evaluatePredictions(Path predictions, Path references) throws IOException {
        return evaluatePredictions(CocoResults.read(predictions), CocoResults.readReferences(references));
    }

    /** Scores captions made elsewhere against references (both keyed by image id). */
    public static EvaluationResult evaluatePredictions(Map<String, String> predictions, Map<String, List<String>> references)
            throws IOException {
        Map<String, List<String>> refs = new HashMap<>();
        for (String id : predictions.keySet()) {
            List<String> r = references.get(id);
            if (r == null || r.isEmpty()) {
                throw new IOException("prediction for image " + id + " has no reference captions");
            }
            refs.put(id, r);
        }
        return Evaluator.evaluate(predictions, refs);
    }

    /**
     * Scores one caption per image against its references with the given metrics (the app's per-photo
     * scores); every image must have references with at least one word.
     */
    public static EvaluationResult score(Map<String, String> candidates, Map<String, List<String>> references,
                                         java.util.Set<org.captionlab.eval.Metric> metrics) {
        return Evaluator.evaluate(candidates, references, metrics);
    }
}
