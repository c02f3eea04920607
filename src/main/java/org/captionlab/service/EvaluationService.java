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
import org.captionlab.eval.MentionF1;
import org.captionlab.eval.Metric;
import org.captionlab.data.ImageCaptions;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.util.Hashing;
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
     * @param guide       the label guidance used, or null for none
     * @param guidance    how the labels guided each image's caption, by image id (empty without guidance)
     * @param mentions    object mention F1 of the best captions
     */
    public record Run(String model, EvaluationResult result, Map<String, String> predictions, List<String> problems,
                      DecodeOptions options, Manifest.Guide guide, Map<String, Guidance> guidance,
                      MentionF1.Scores mentions) {

        /** Images whose caption the labels guided. */
        public long guidedImages() {
            return guidance.values().stream().filter(Guidance::guided).count();
        }
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
        return evaluateModel(settings, service, data, options, null, encoding, decoding, cancelled);
    }

    /**
     * Captions every image of {@code data} with the service's model, guided by the encoder's labels when
     * {@code guide} is not null (labels kept in a cache beside the features, so each image is classified
     * once), and scores the best captions.
     */
    public static Run evaluateModel(Settings settings, CaptioningService service, DatasetSpec data, DecodeOptions options,
                                    Manifest.Guide guide, ProgressListener encoding, ProgressListener decoding,
                                    BooleanSupplier cancelled) throws IOException {
        CaptionDataset dataset = DatasetLoading.load(data);
        if (dataset.images().isEmpty()) {
            throw new IOException("no images to evaluate in '" + data.captions() + "'"
                    + (data.split() != null ? " for split " + data.split() : ""));
        }
        FeatureSet features;
        Map<String, List<ImageLabel>> labels = Map.of();
        try (FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), service.encoder().cacheKey(),
                service.encoder().weightsSha256(), service.encoder().featureDim());
             LabelCache labelCache = service.guidable() ? LabelCache.open(settings.featureCacheDir(),
                     service.encoder().cacheKey(), service.encoder().weightsSha256(), service.encoder().labelNames()) : null) {
            // Labels come from the same forward pass as the features: kept whenever an image is encoded, so that
            // a guided evaluation after an unguided one classifies nothing again.
            features = FeatureSet.of(dataset, service.encoder(), cache, (sha, l) -> {
                if (labelCache != null) {
                    labelCache.putQuietly(sha, l);
                }
            }, encoding, cancelled);
            if (guide != null && !features.cancelled()) {
                labels = labels(service, dataset, labelCache, cancelled);
            }
        }
        if (features.cancelled()) {
            // Cancellation is its own outcome, not an I/O failure: callers tell the user it stopped, not that it broke.
            throw new CancellationException("evaluation cancelled while encoding images");
        }
        List<CaptionedFeature> examples = features.examples();
        Map<String, String> predictions = new LinkedHashMap<>();
        Map<String, List<String>> references = new HashMap<>();
        Map<String, Guidance> guidance = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled after " + i + " of " + examples.size() + " images");
            }
            CaptionedFeature e = examples.get(i);
            List<Caption> captions;
            if (guide == null) {
                captions = service.decode(e.feature(), options);
            } else {
                GuidedCaptions g = service.decode(new EncodedImage(e.feature(), labels.getOrDefault(e.imageId(), List.of())),
                        options, guide);
                captions = g.captions();
                guidance.put(e.imageId(), g.guidance());
            }
            predictions.put(e.imageId(), captions.isEmpty() ? "" : captions.get(0).text());
            references.put(e.imageId(), e.captions());
            decoding.progress(i + 1, examples.size(), e.imageId());
        }
        return new Run(service.model().name(), Evaluator.evaluate(predictions, references), predictions,
                features.problems(), options, guide, guidance, MentionF1.score(predictions, references));
    }

    /**
     * The encoder's labels of each image of the dataset by image id, from the label cache or classified
     * now (images whose features came from an older cache without labels). Images that cannot be read are
     * left out: the feature pass has reported them.
     */
    private static Map<String, List<ImageLabel>> labels(CaptioningService service, CaptionDataset dataset,
                                                        LabelCache cache, BooleanSupplier cancelled)
            throws IOException {
        if (cache == null) {
            throw new IOException("encoder " + service.encoder().id() + " reports no labels, so they cannot guide captions;"
                    + " evaluate with --guide off");
        }
        Map<String, List<ImageLabel>> out = new HashMap<>();
        for (ImageCaptions image : dataset.images()) {
            if (cancelled.getAsBoolean()) {
                throw new IOException("evaluation cancelled while classifying images");
            }
            String sha;
            List<ImageLabel> l;
            try {
                sha = Hashing.sha256(image.path());
                l = cache.get(sha);
                if (l == null) {
                    l = service.encode(image.path()).labels();
                    cache.put(sha, l);
                }
            } catch (IOException | RuntimeException e) {
                continue;
            }
            out.put(image.imageId(), l);
        }
        return out;
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
        if (evaluation.mentions() != null) {
            scores.put("mention-F1", evaluation.mentions().mean());
            scores.put("mention-F1-visible", evaluation.mentions().meanVisible());
        }
        if (evaluation.guide() != null) {
            scores.put("guided-images", (double) evaluation.guidedImages());
        }
        manifest = manifest.withMetrics(run, scores);
        if (setDefaultDecoding) {
            manifest = manifest.withDecoding(evaluation.options().toDefaults().withGuide(evaluation.guide()));
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

    /**
     * Scores of captions made elsewhere: the corpus and per-image metrics and the object mention F1.
     *
     * @param result   BLEU, ROUGE-L, CIDEr-D
     * @param mentions object mention F1
     */
    public record PredictionScores(EvaluationResult result, MentionF1.Scores mentions) {
    }

    /** Scores captions made elsewhere (COCO results JSON) against references (COCO annotations JSON), mentions included. */
    public static PredictionScores scorePredictions(Path predictions, Path references) throws IOException {
        Map<String, String> p = CocoResults.read(predictions);
        Map<String, List<String>> r = CocoResults.readReferences(references);
        return new PredictionScores(evaluatePredictions(p, r), MentionF1.score(p, r));
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
