package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureNormalizationTest {

    private static final String SHA = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";
    private static final DecoderConfig CONFIG = new DecoderConfig(CellType.RNN, 3, 10, 4, 6, 0.0);

    @TempDir
    Path tmp;

    @Test
    void fitsMeanAndPopulationStdWithAFloor() {
        FeatureNormalization n = FeatureNormalization.fit(List.of(new float[] {1, 0, 5}, new float[] {3, 0, 5}));
        assertThat(n.mean()).containsExactly(2f, 0f, 5f);
        // Constant dimensions get the floor, so a rare activation cannot explode.
        assertThat(n.std()).containsExactly(1f, FeatureNormalization.MIN_STD, FeatureNormalization.MIN_STD);
        assertThat(n.apply(new float[] {4, 0, 5})).containsExactly(2f, 0f, 0f);
        assertThatThrownBy(() -> n.apply(new float[2])).hasMessageContaining("2 values");
    }

    @Test
    void fileRoundTripIsExact(@TempDir Path dir) throws IOException {
        FeatureNormalization n = FeatureNormalization.fit(List.of(TestData.randomFeature(new Random(1), 3),
                TestData.randomFeature(new Random(2), 3), TestData.randomFeature(new Random(3), 3)));
        Path file = dir.resolve(FeatureNormalization.FILE_NAME);
        n.write(file);
        assertThat(FeatureNormalization.read(file)).isEqualTo(n);
        Files.writeString(file, "0.5\tx\n");
        assertThatThrownBy(() -> FeatureNormalization.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("dimension 0");
    }

    @Test
    void bundleStoresTheStatisticsAndItsModelAppliesThemToRawFeatures() throws IOException {
        Vocabulary vocabulary = TestData.vocabulary(10);
        FeatureNormalization stats = new FeatureNormalization(new float[] {0.5f, -1f, 2f}, new float[] {2f, 0.5f, 4f});
        float[] raw = {1.5f, 0.25f, 10f};
        Manifest manifest = Manifest.create("norm", "0.1.0", new Manifest.Encoder("mobilenet-v2", 3, SHA), CONFIG);
        Path dir = tmp.resolve("norm");
        float[] expected;
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            Manifest written = ModelBundle.save(dir, manifest, vocabulary, network, stats);
            assertThat(written.files().featureStats()).isEqualTo(FeatureNormalization.FILE_NAME);
            assertThat(written.files().featureStatsSha256()).hasSize(64);
            // The network was trained on standardised features: feed it those directly.
            RecurrentCaptionModel onStandardised = network.toCaptionModel(vocabulary);
            expected = onStandardised.step(onStandardised.initialState(stats.apply(raw)),
                    new int[] {Vocabulary.START_ID}).logProbs()[0];
        }
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.featureNormalization()).isEqualTo(stats);
            CaptionModel model = bundle.model();
            float[] actual = model.step(model.initialState(raw), new int[] {Vocabulary.START_ID}).logProbs()[0];
            assertThat(actual).containsExactly(expected);
        }
    }

    @Test
    void bundleWithoutStatisticsTakesRawFeaturesAsBefore() throws IOException {
        Vocabulary vocabulary = TestData.vocabulary(10);
        Manifest manifest = Manifest.create("raw", "0.1.0", new Manifest.Encoder("mobilenet-v2", 3, SHA), CONFIG);
        Path dir = tmp.resolve("raw");
        float[] raw = {1.5f, 0.25f, 10f};
        float[] expected;
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            Manifest written = ModelBundle.save(dir, manifest, vocabulary, network);
            assertThat(written.files().featureStats()).isNull();
            assertThat(Files.readString(dir.resolve(Manifest.FILE_NAME))).doesNotContain("featureStats");
            RecurrentCaptionModel m = network.toCaptionModel(vocabulary);
            expected = m.step(m.initialState(raw), new int[] {Vocabulary.START_ID}).logProbs()[0];
        }
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.featureNormalization()).isNull();
            float[] actual = bundle.model().step(bundle.model().initialState(raw), new int[] {Vocabulary.START_ID})
                    .logProbs()[0];
            assertThat(actual).containsExactly(expected);
        }
    }

    @Test
    void replacedStatisticsAreRefusedOnLoad() throws IOException {
        Vocabulary vocabulary = TestData.vocabulary(10);
        Manifest manifest = Manifest.create("norm", "0.1.0", new Manifest.Encoder("mobilenet-v2", 3, SHA), CONFIG);
        Path dir = tmp.resolve("tampered");
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            ModelBundle.save(dir, manifest, vocabulary, network,
                    new FeatureNormalization(new float[3], new float[] {1, 1, 1}));
        }
        new FeatureNormalization(new float[3], new float[] {2, 2, 2}).write(dir.resolve(FeatureNormalization.FILE_NAME));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void standardisedFeaturesHaveZeroMeanAndUnitVariance() {
        Random random = new Random(5);
        List<float[]> features = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            features.add(new float[] {(float) (3 + 2 * random.nextGaussian()), (float) (random.nextDouble() * 6)});
        }
        FeatureNormalization n = FeatureNormalization.fit(features);
        double sum = 0;
        double squares = 0;
        for (float[] f : features) {
            float v = n.apply(f)[0];
            sum += v;
            squares += v * v;
        }
        assertThat(sum / features.size()).isCloseTo(0, within(1e-5));
        assertThat(squares / features.size()).isCloseTo(1, within(1e-4));
    }
}
