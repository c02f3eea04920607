package org.captionlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.captionlab.model.CaptionNetwork;
import org.captionlab.model.CellType;
import org.captionlab.model.EpochStats;
import org.captionlab.model.FeatureNormalization;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.model.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --mirror} on a tiny decoder and made-up features: each epoch draws, per caption, the plain or the
 * mirrored feature with the seeded generator; validation never sees a mirrored one; the feature statistics stay those
 * of the plain features; the manifest records the option.
 */
class TrainerMirrorTest {

    private static final int DIM = 8;
    private static final String[] WORDS = {"dog", "cat", "runs", "sits", "grass", "snow", "red", "blue"};

    @TempDir
    Path dir;

    private static TrainingConfig config(long seed, boolean normalize, boolean mirror) {
        return new TrainingConfig(CellType.RNN, 8, 16, 0.0, 2, 4, 5e-3, 1.0, 5.0, 0, 0.0, seed, 1, 8, 0, 0, normalize, mirror);
    }

    private static float[] vector(Random r) {
        float[] f = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            f[i] = (float) r.nextGaussian() + i * 0.1f;
        }
        return f;
    }

    private static float[] nan() {
        float[] f = new float[DIM];
        Arrays.fill(f, Float.NaN);
        return f;
    }

    /** Examples; {@code mirrored}: 0 none, 1 the plain feature again, 2 another feature, 3 NaN. */
    private static List<CaptionedFeature> examples(int n, int mirrored, long seed) {
        Random r = new Random(seed);
        List<CaptionedFeature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] plain = vector(r);
            float[] other = vector(r);
            String a = WORDS[i % WORDS.length] + " " + WORDS[(i + 2) % WORDS.length];
            String b = WORDS[(i + 1) % WORDS.length] + " " + WORDS[(i + 3) % WORDS.length] + " " + WORDS[(i + 5) % WORDS.length];
            float[] m = switch (mirrored) {
                case 0 -> null;
                case 1 -> plain.clone();
                case 2 -> other;
                default -> nan();
            };
            out.add(new CaptionedFeature("img" + i, plain, List.of(a, b), m));
        }
        return out;
    }

    private Trainer.Outcome train(String name, TrainingConfig config, List<CaptionedFeature> train,
                                  List<CaptionedFeature> val) throws IOException {
        Provenance provenance = new Provenance("fake", "0".repeat(64), DIM, "test", "train", "val", "test --mirror");
        return new Trainer(config, provenance, null).train(train, val, dir.resolve(name), false, () -> false);
    }

    private float[] parameters(String name) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(dir.resolve(name))) {
            return bundle.network().parameters();
        }
    }

    private float[] checkpointParameters(String name) throws IOException {
        Path checkpoint = Checkpoint.find(dir.resolve(name).resolve("checkpoint")).orElseThrow();
        try (CaptionNetwork net = CaptionNetwork.load(checkpoint.resolve("decoder.zip"))) {
            return net.parameters();
        }
    }

    @Test
    void theDrawsAreSeededPerEpochAndTakeBothVersions() {
        Trainer a = new Trainer(config(5, false, true), null, null);
        Trainer b = new Trainer(config(5, false, true), null, null);
        boolean[] first = a.mirrorDraws(1000, 1);

        assertThat(first).isEqualTo(b.mirrorDraws(1000, 1));
        assertThat(first).isNotEqualTo(a.mirrorDraws(1000, 2));
        assertThat(first).isNotEqualTo(new Trainer(config(6, false, true), null, null).mirrorDraws(1000, 1));
        int mirrored = 0;
        for (boolean m : first) {
            mirrored += m ? 1 : 0;
        }
        assertThat(mirrored).as("about half of 1,000 captions fed mirrored").isBetween(430, 570);
    }

    @Test
    void mirroringFeedsBothVersionsDeterministicallyAndLeavesTheShuffleAlone() throws IOException {
        List<CaptionedFeature> val = examples(3, 0, 99);
        train("plain", config(7, false, false), examples(12, 0, 1), val);
        // Mirrored features equal to the plain ones: the same model as without --mirror, so the shuffle and batches
        // are untouched and the draw only chooses which feature a caption is fed.
        train("same", config(7, false, true), examples(12, 1, 1), val);
        assertThat(parameters("same")).isEqualTo(parameters("plain"));

        // Other mirrored features: they are fed (another model), and the same seed gives the same model again.
        train("mirror-a", config(7, false, true), examples(12, 2, 1), val);
        train("mirror-b", config(7, false, true), examples(12, 2, 1), val);
        assertThat(parameters("mirror-a")).isNotEqualTo(parameters("plain")).isEqualTo(parameters("mirror-b"));

        // Without --mirror the mirrored features are ignored altogether (NaN would poison the loss).
        Trainer.Outcome ignored = train("ignored", config(7, false, false), examples(12, 3, 1), val);
        assertThat(ignored.epochs()).allSatisfy(s -> assertThat(s.trainLoss()).isFinite());
        assertThat(parameters("ignored")).isEqualTo(parameters("plain"));
    }

    @Test
    void validationNeverUsesMirroredFeatures() throws IOException {
        Trainer.Outcome outcome = train("val", config(3, false, true), examples(12, 2, 1), examples(3, 3, 99));

        assertThat(outcome.epochs()).hasSize(2).allSatisfy(s -> {
            assertThat(s.valLoss()).isFinite();
            assertThat(s.valCiderD()).isFinite();
        });
    }

    @Test
    void featureStatisticsComeFromThePlainFeaturesAndTheManifestRecordsTheOption() throws IOException {
        List<CaptionedFeature> val = examples(3, 0, 99);
        train("norm", config(3, true, false), examples(12, 0, 1), val);
        train("norm-mirror", config(3, true, true), examples(12, 2, 1), val);

        assertThat(Files.readString(dir.resolve("norm-mirror").resolve(FeatureNormalization.FILE_NAME)))
                .isEqualTo(Files.readString(dir.resolve("norm").resolve(FeatureNormalization.FILE_NAME)));
        Manifest mirrored = Manifest.read(dir.resolve("norm-mirror").resolve(Manifest.FILE_NAME));
        assertThat(mirrored.training().config().mirror()).isTrue();
        assertThat(mirrored.training().config().normalizeFeatures()).isTrue();
        assertThat(mirrored.toJson()).contains("\"mirror\" : true");
        assertThat(Manifest.read(dir.resolve("norm").resolve(Manifest.FILE_NAME)).training().config().mirror()).isFalse();
        // A manifest written before the option existed reads as trained without it.
        assertThat(Manifest.read(Path.of("models", "default", Manifest.FILE_NAME)).training().config().mirror()).isFalse();
    }

    @Test
    void aResumedMirrorRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        List<CaptionedFeature> train = examples(12, 2, 1);
        List<CaptionedFeature> val = examples(3, 0, 99);
        train("whole", config(9, false, true), train, val);
        TrainingConfig oneEpoch = new TrainingConfig(CellType.RNN, 8, 16, 0.0, 1, 4, 5e-3, 1.0, 5.0, 0, 0.0, 9, 1, 8, 0, 0,
                false, true);
        Provenance provenance = new Provenance("fake", "0".repeat(64), DIM, "test", "train", "val", "test --mirror");
        new Trainer(oneEpoch, provenance, null).train(train, val, dir.resolve("resumed"), false, () -> false);
        Trainer.Outcome resumed = new Trainer(config(9, false, true), provenance, null)
                .train(train, val, dir.resolve("resumed"), true, () -> false);

        assertThat(resumed.epochs()).extracting(EpochStats::epoch).containsExactly(1, 2);
        // Epoch 2's draws depend on the seed and the epoch alone: the checkpoints after epoch 2 agree.
        assertThat(checkpointParameters("resumed")).isEqualTo(checkpointParameters("whole"));
    }
}
