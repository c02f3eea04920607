package org.captionlab.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Metric;
import org.captionlab.model.DecoderConfig;
import org.captionlab.model.EpochStats;
import org.captionlab.model.Manifest;
import org.captionlab.model.TrainingConfig;
import org.captionlab.text.Vocabulary;

/** Builds the manifest of a model the {@link Trainer} saves: provenance, config and validation metrics. */
final class ManifestFactory {

    /** Version written into manifests; the jar's Implementation-Version when packaged. */
    static String captionlabVersion() {
        String v = ManifestFactory.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private ManifestFactory() {
    }

    static Manifest manifest(Path outDir, TrainingConfig config, Provenance provenance, Vocabulary vocabulary,
                             DecoderConfig decoder, int epoch, EpochStats stats, double elapsedSeconds,
                             EvaluationResult greedyValidation, Instant now, int trainImages, int trainCaptions) {
        String name = outDir.toAbsolutePath().normalize().getFileName().toString();
        // The configuration goes in whole as the record (Manifest.Training.config); this map keeps what the run
        // measured about itself.
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("vocabularySize", vocabulary.size());
        hyper.put("bestValLoss", stats.valLoss());
        hyper.put("bestValPerplexity", stats.valPerplexity());
        Manifest.Training training = new Manifest.Training(provenance.dataset(), provenance.trainSplit(),
                provenance.valSplit(), trainImages, trainCaptions, provenance.commandLine(), config.seed(), epoch, epoch,
                elapsedSeconds, hyper, config, provenance.dataSha256());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            scores.put(m.label(), greedyValidation.corpus(m));
        }
        return Manifest.create(name, captionlabVersion(),
                        new Manifest.Encoder(provenance.encoderId(), provenance.featureDim(), provenance.encoderSha256()), decoder)
                .withTraining(training)
                .withMetrics("val-greedy", scores)
                // A model trained on longer captions may need them: its default length is never shorter.
                .withDecoding(Manifest.Decoding.defaults().withMaxLength(
                        Math.max(Manifest.Decoding.DEFAULT_MAX_LENGTH, config.maxCaptionLength())))
                .withNotes("Trained with CaptionLab on " + provenance.dataset() + ". Validation metrics are from greedy"
                        + " decoding during training; `captionlab evaluate` adds beam-search metrics.");
    }
}
