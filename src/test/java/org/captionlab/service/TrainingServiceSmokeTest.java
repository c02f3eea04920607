package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.SharedAssets;
import org.captionlab.model.CellType;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.model.EpochStats;
import org.captionlab.train.Trainer;
import org.captionlab.model.TrainingConfig;
import org.captionlab.model.TrainingLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training end to end on a few dozen real Flickr8k photos: features through the real encoder and the
 * feature cache, a few epochs, bundle + log + checkpoint, resume, determinism. Tiny sizes keep it to
 * seconds; full training is not a test.
 */
class TrainingServiceSmokeTest {

    @TempDir
    static Path dir;

    private static Settings settings;
    private static DatasetSpec train;
    private static DatasetSpec val;

    @BeforeAll
    static void splits() throws IOException {
        settings = new Settings(dir.resolve("home"), dir.resolve("unused-model"));
        Path flickr = SharedAssets.require("flickr8k");
        List<String> trainNames = Files.readAllLines(flickr.resolve("Flickr_8k.trainImages.txt")).subList(0, 30);
        List<String> valNames = Files.readAllLines(flickr.resolve("Flickr_8k.devImages.txt")).subList(0, 10);
        Files.write(dir.resolve("train.txt"), trainNames);
        Files.write(dir.resolve("val.txt"), valNames);
        train = new DatasetSpec("flickr8k", flickr.resolve("images"), flickr.resolve("captions.txt"), dir.resolve("train.txt").toString());
        val = train.withSplit(dir.resolve("val.txt").toString());
    }

    private static TrainingConfig config(int epochs, long seed) {
        return new TrainingConfig(CellType.RNN, 16, 32, 0.2, epochs, 16, 5e-3, 0.9, 5.0, 0, 0.0, seed, 1, 16, 0, 0);
    }

    private static Trainer.Outcome train(Path out, TrainingConfig config, boolean resume) throws IOException {
        return TrainingService.run(settings, new TrainingService.Request(train, val, "mobilenet-v2",
                SharedAssets.mobileNetWeights(), config, out, resume, "test"), new TrainingService.Listener() { }, () -> false);
    }

    private static float[] parameters(Path bundleDir) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(bundleDir)) {
            return bundle.network().parameters();
        }
    }

    @Test
    void trainsSavesLogsResumesAndIsDeterministic() throws IOException {
        Path out = dir.resolve("model-a");
        Trainer.Outcome first = train(out, config(2, 11), false);
        assertThat(first.epochs()).hasSize(2);
        assertThat(first.epochs()).allSatisfy(s -> {
            assertThat(s.trainLoss()).isFinite().isPositive();
            assertThat(s.valPerplexity()).isGreaterThan(1.0);
            assertThat(s.gradNormMean()).isPositive();
            assertThat(s.spectralRadius()).isPositive();
        });
        // The loss falls from the first epoch to the second on the same data.
        assertThat(first.epochs().get(1).trainLoss()).isLessThan(first.epochs().get(0).trainLoss());
        try (ModelBundle bundle = ModelBundle.load(out)) {
            Manifest m = bundle.manifest();
            assertThat(m.encoder().id()).isEqualTo("mobilenet-v2");
            assertThat(m.encoder().featureDim()).isEqualTo(1280);
            assertThat(m.training().trainImages()).isEqualTo(30);
            assertThat(m.training().seed()).isEqualTo(11L);
            assertThat(m.training().bestEpoch()).isEqualTo(first.bestEpoch());
            assertThat(m.metrics()).containsKey("val-greedy");
        }
        assertThat(TrainingLog.read(out.resolve("training-log.csv"))).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(out.resolve("checkpoint").resolve("decoder.zip")).exists();
        // Features were cached: the cache file holds all 40 images.
        try (var files = Files.list(settings.featureCacheDir())) {
            assertThat(files.count()).isEqualTo(1);
        }

        // Same seed, same data → the same model, byte for byte; another seed → another model.
        Path again = dir.resolve("model-b");
        train(again, config(2, 11), false);
        assertThat(parameters(again)).isEqualTo(parameters(out));
        assertThat(TrainingLog.read(again.resolve("training-log.csv")))
                .usingRecursiveComparison().ignoringFields("seconds")
                .isEqualTo(TrainingLog.read(out.resolve("training-log.csv")));
        Path other = dir.resolve("model-c");
        train(other, config(2, 12), false);
        assertThat(parameters(other)).isNotEqualTo(parameters(out));

        // Resume to epoch 3: the first two epochs are kept, the third is added.
        Trainer.Outcome resumed = train(out, config(3, 11), true);
        assertThat(resumed.epochs()).extracting(EpochStats::epoch).containsExactly(1, 2, 3);
        assertThat(TrainingLog.read(out.resolve("training-log.csv"))).hasSize(3);
    }
}
