package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.FeatureCache;
import org.captionlab.encoder.EncoderWeights;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.model.EpochStats;
import org.captionlab.model.TrainingLog;
import org.captionlab.train.Provenance;
import org.captionlab.train.ScstConfig;
import org.captionlab.train.SelfCriticalTrainer;
import org.captionlab.train.Trainer;
import org.captionlab.model.Manifest;
import org.captionlab.model.TrainingConfig;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model from a dataset: reads the train and validation splits, makes sure every image has a
 * cached feature (encoding the missing ones once), then runs the {@link Trainer}.
 */
public final class TrainingService {

    /** The header of the training log, for a console that echoes its rows. */
    public static final String LOG_HEADER = TrainingLog.HEADER;

    /** One epoch as the training log writes it (without the line end). */
    public static String logRow(EpochStats stats) {
        return TrainingLog.row(stats);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    /**
     * A training request.
     *
     * @param train          training data
     * @param validation     validation data (used for early stopping and the reported metrics)
     * @param encoderId      encoder to make features with
     * @param encoderWeights explicit weights file, or null to resolve them
     * @param config         decoder and optimisation settings
     * @param out            model folder to write
     * @param resume         continue from the checkpoint in {@code out}
     * @param commandLine    recorded in the manifest
     */
    public record Request(DatasetSpec train, DatasetSpec validation, String encoderId, Path encoderWeights,
                          TrainingConfig config, Path out, boolean resume, String commandLine) {
    }

    /** Progress of the two phases. */
    public interface Listener extends Trainer.Listener {
        /** Feature extraction progress for one split. */
        default ProgressListener features(String split) {
            return ProgressListener.NONE;
        }

        /** Problems met while reading the data (skipped images, empty captions...). */
        default void problems(String split, List<String> problems) {
        }
    }

    private TrainingService() {
    }

    /**
     * A self-critical fine-tuning request ({@code train --scst --from DIR}).
     *
     * @param from        the bundle to start from (its encoder makes the features)
     * @param train       training data (rewards use its references' document frequencies)
     * @param validation  validation data (early stopping on greedy CIDEr-D)
     * @param encoderWeights explicit encoder weights file, or null to resolve them
     * @param config      the phase's settings
     * @param out         model folder to write (not {@code from})
     * @param resume      continue from the checkpoint in {@code out}
     * @param commandLine recorded in the manifest as this phase's command
     */
    public record ScstRequest(Path from, DatasetSpec train, DatasetSpec validation, Path encoderWeights,
                              ScstConfig config, Path out, boolean resume, String commandLine) {
    }

    /** Runs a self-critical fine-tuning request. */
    public static SelfCriticalTrainer.Outcome runScst(Settings settings, ScstRequest request, Listener listener,
                                                      SelfCriticalTrainer.Listener progress, BooleanSupplier cancelled)
            throws IOException {
        String encoderId = Manifest.read(request.from().resolve(Manifest.FILE_NAME)).encoder().id();
        return withFeatures(settings, request.train(), request.validation(), encoderId, request.encoderWeights(), false,
                listener, cancelled, (encoder, trainData, train, val) -> new SelfCriticalTrainer(request.config(),
                        request.commandLine(), progress).train(request.from(), train.examples(), val.examples(),
                        request.out(), request.resume(), cancelled));
    }

    /** Runs the request. */
    public static Trainer.Outcome run(Settings settings, Request request, Listener listener, BooleanSupplier cancelled)
            throws IOException {
        return withFeatures(settings, request.train(), request.validation(), request.encoderId(),
                request.encoderWeights(), request.config().mirror(), listener, cancelled, (encoder, trainData, train, val) -> {
                    Provenance provenance = new Provenance(encoder.id(), encoder.weightsSha256(), encoder.featureDim(),
                            trainData.name(), describe(request.train()), describe(request.validation()),
                            request.commandLine(), dataHashes(request.train(), request.validation()));
                    return new Trainer(request.config(), provenance, listener)
                            .train(train.examples(), val.examples(), request.out(), request.resume(), cancelled);
                });
    }

    /** What runs once both splits have their features. */
    private interface WithFeatures<T> {
        T run(ImageEncoder encoder, CaptionDataset trainData, FeatureSet train, FeatureSet val) throws IOException;
    }

    /**
     * Reads both splits and makes sure every image has a cached feature (encoding the missing ones), then runs.
     * With {@code mirror} the training images are also encoded mirrored left-right (their own cache file); the
     * validation images never are, so validation scores the photos as inference will see them.
     */
    private static <T> T withFeatures(Settings settings, DatasetSpec trainSpec, DatasetSpec valSpec, String encoderId,
                                      Path encoderWeights, boolean mirror, Listener listener, BooleanSupplier cancelled,
                                      WithFeatures<T> body) throws IOException {
        CaptionDataset trainData = DatasetLoading.load(trainSpec);
        CaptionDataset valData = DatasetLoading.load(valSpec);
        if (trainData.images().isEmpty()) {
            throw new IOException("no training images in '" + trainSpec.captions() + "'"
                    + (trainSpec.split() != null ? " for split " + trainSpec.split() : ""));
        }
        if (valData.images().isEmpty()) {
            throw new IOException("no validation images in '" + valSpec.captions() + "'"
                    + (valSpec.split() != null ? " for split " + valSpec.split() : ""));
        }
        try (ImageEncoder encoder = ImageEncoders.open(encoderId, encoderWeights,
                EncoderWeights.Environment.system(settings.home()), listener.features("encoder download"));
             FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), encoder.cacheKey(), encoder.weightsSha256(),
                     encoder.featureDim());
             FeatureCache mirrored = mirror ? FeatureSet.openMirrored(settings, encoder) : null) {
            FeatureSet train = FeatureSet.of(trainData, encoder, cache, mirrored, (sha, labels) -> { },
                    listener.features("train"), mirror ? listener.features("train, mirrored") : ProgressListener.NONE,
                    cancelled);
            listener.problems("train", train.problems());
            if (train.cancelled()) {
                throw new CancellationException("cancelled while encoding the training images (" + cache.size()
                        + (mirrored != null ? " + " + mirrored.size() + " mirrored" : "")
                        + " features are cached; run again to resume)");
            }
            FeatureSet val = FeatureSet.of(valData, encoder, cache, listener.features("validation"), cancelled);
            listener.problems("validation", val.problems());
            if (val.cancelled()) {
                throw new CancellationException("cancelled while encoding the validation images (" + cache.size() + " features are cached; run again to resume)");
            }
            LOG.info("features: {} train images ({} encoded now), {} validation images ({} encoded now)",
                    train.examples().size(), train.encoded(), val.examples().size(), val.encoded());
            return body.run(encoder, trainData, train, val);
        }
    }

    /** SHA-256 of every data file the run reads (annotations and split lists), by file name. */
    private static Map<String, String> dataHashes(DatasetSpec... specs) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (DatasetSpec spec : specs) {
            List<Path> files = new ArrayList<>(List.of(spec.captions()));
            if (spec.split() != null && Files.isRegularFile(Path.of(spec.split()))) {
                files.add(Path.of(spec.split()));
            }
            for (Path f : files) {
                Path name = f.getFileName();
                if (name != null && !hashes.containsKey(name.toString()) && Files.isRegularFile(f)) {
                    hashes.put(name.toString(), Hashing.sha256(f));
                }
            }
        }
        return hashes;
    }

    private static String describe(DatasetSpec spec) {
        if (spec.split() == null) {
            return "all of " + spec.captions().getFileName();
        }
        Path p = Path.of(spec.split());
        return p.getFileName() != null ? p.getFileName().toString() : spec.split();
    }
}
