package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {

    private static final int V = 12;
    private static final String SHA = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";
    private static final DecoderConfig CONFIG = new DecoderConfig(CellType.LSTM, 6, V, 5, 7, 0.2);

    @TempDir
    Path tmp;
    private Path dir;
    private Manifest manifest;
    private final Vocabulary vocabulary = TestData.vocabulary(V);

    @BeforeEach
    void writeBundle() throws IOException {
        dir = tmp.resolve("models").resolve("default");
        manifest = Manifest.create("default", "0.1.0", new Manifest.Encoder("mobilenet-v2", 6, SHA), CONFIG)
                .withMetrics("dev-beam3", Map.of("BLEU-4", 0.2));
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            manifest = ModelBundle.save(dir, manifest, vocabulary, network);
        }
    }

    @Test
    void saveThenLoadGivesIdenticalLogProbs() throws IOException {
        Path other = tmp.resolve("other");
        float[] feature = TestData.randomFeature(new Random(4), 6);
        float[][] expected;
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults().withSeed(7))) {
            MultiDataSet batch = network.batch(List.of(feature), List.of(new int[] {3, 4, 5}), 20);
            network.fit(batch);
            ModelBundle.save(other, manifest, vocabulary, network);
            expected = stepTwice(network.toCaptionModel(vocabulary), feature);
        }
        try (ModelBundle bundle = ModelBundle.load(other)) {
            assertThat(bundle.manifest()).isEqualTo(Manifest.read(other.resolve("manifest.json")));
            assertThat(bundle.vocabulary()).isEqualTo(vocabulary);
            float[][] actual = stepTwice(bundle.model(), feature);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).containsExactly(expected[i]);
            }
        }
    }

    private static float[][] stepTwice(CaptionModel model, float[] feature) {
        CaptionModel.Step first = model.step(model.initialState(feature), new int[] {Vocabulary.START_ID});
        CaptionModel.Step second = model.step(first.next(), new int[] {4});
        return new float[][] {first.logProbs()[0], second.logProbs()[0]};
    }

    @Test
    void saveWritesTheThreeFilesWithTheWeightsChecksumAndKeepsOtherFiles() throws IOException {
        Files.writeString(dir.resolve("training-log.csv"), "epoch,loss\n");
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            ModelBundle.save(dir, manifest, vocabulary, network);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("manifest.json", "vocab.txt", "decoder.zip", "decoder.weights",
                            "training-log.csv");
        }
        Manifest written = Manifest.read(dir.resolve("manifest.json"));
        assertThat(written.files().weightsSha256()).isEqualTo(org.captionlab.util.Hashing.sha256(dir.resolve("decoder.zip")));
        assertThat(written.files().inferenceSha256())
                .isEqualTo(org.captionlab.util.Hashing.sha256(dir.resolve("decoder.weights")));
        assertThat(written.metrics()).containsKey("dev-beam3");
    }

    @Test
    void networkIsLoadedOnDemandWithItsTrainingState() throws IOException {
        ModelBundle bundle = ModelBundle.load(dir);
        CaptionNetwork network;
        try (bundle) {
            network = bundle.network();
            assertThat(bundle.network()).isSameAs(network);
            assertThat(network.config()).isEqualTo(CONFIG);
            assertThat(network.hyperparameters()).isEqualTo(TrainingHyperparameters.defaults());
        }
        assertThatThrownBy(network::parameters).hasMessage("caption network is closed");
        assertThatThrownBy(bundle::network).hasMessageContaining("closed");
        // The plain-Java model outlives the bundle.
        assertThat(bundle.model().step(bundle.model().initialState(new float[6]), new int[] {1}).logProbs()[0])
                .hasSize(V);
    }

    @Test
    void checkEncoderAcceptsTheTrainingEncoderAndNamesBothOnMismatch() throws IOException {
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            bundle.checkEncoder("mobilenet-v2", 6, SHA);
            bundle.checkEncoder("mobilenet-v2", 6, SHA.toUpperCase());
            bundle.checkEncoder("mobilenet-v2", 6, null);
            assertThatThrownBy(() -> bundle.checkEncoder("vgg16", 4096, null))
                    .isInstanceOf(ModelMismatchException.class)
                    .hasMessage("model 'default' was trained on encoder mobilenet-v2 (6-d, weights 7aad0c74…)"
                            + " but the encoder in use is vgg16 (4096-d): choose a model trained on vgg16 (--model DIR),"
                            + " or use encoder mobilenet-v2");
            assertThatThrownBy(() -> bundle.checkEncoder("mobilenet-v2", 6, "0123456789abcdef"))
                    .isInstanceOf(ModelMismatchException.class)
                    .hasMessageContaining("but the encoder in use is mobilenet-v2 (6-d, weights 01234567…)")
                    .hasMessageEndingWith("(--encoder-weights FILE), or choose a model trained on these weights (--model DIR)");
        }
    }

    @Test
    void missingFolder() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> ModelBundle.load(missing)).isInstanceOf(IOException.class)
                .hasMessage("model folder '" + missing + "' does not exist");
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(dir.resolve("manifest.json"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("model folder '" + dir + "' has no manifest.json");
    }

    @Test
    void invalidManifest() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"name\": ");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("manifest '" + dir.resolve("manifest.json") + "' is not valid");
    }

    @Test
    void incompleteManifest() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"name\": \"x\"}");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("manifest '" + dir.resolve("manifest.json") + "' lacks an encoder");
    }

    @Test
    void unsupportedFormatVersion() throws IOException {
        rewriteManifest("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("manifest '" + dir.resolve("manifest.json") + "' has formatVersion 2 but this version of"
                        + " CaptionLab reads only version 1");
    }

    @Test
    void vocabularySizeDiffersFromManifest() throws IOException {
        TestData.vocabulary(V + 1).save(dir.resolve("vocab.txt"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("vocabulary '" + dir.resolve("vocab.txt") + "' has 13 tokens but manifest '"
                        + dir.resolve("manifest.json") + "' says 12");
    }

    @Test
    void vocabularyMissing() throws IOException {
        Files.delete(dir.resolve("vocab.txt"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("vocabulary '" + dir.resolve("vocab.txt") + "' does not exist");
    }

    @Test
    void plainWeightsMissing() throws IOException {
        Files.delete(dir.resolve("decoder.weights"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("decoder weights '" + dir.resolve("decoder.weights") + "' do not exist");
    }

    @Test
    void plainWeightsCorruptAreCaughtByTheChecksum() throws IOException {
        Path weights = dir.resolve("decoder.weights");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("decoder weights '" + weights + "' have SHA-256 ");
    }

    @Test
    void plainWeightsTruncatedAreReportedByTheChecksumNotByTheParser() throws IOException {
        // The checksum runs beside the parsing: a file the parser chokes on still gets the checksum's message.
        Path weights = dir.resolve("decoder.weights");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("decoder weights '" + weights + "' have SHA-256 ");
    }

    @Test
    void plainWeightsGiveTheNetworksLogProbsAndAddingThemToAnOlderBundleToo() throws IOException {
        float[] feature = TestData.randomFeature(new Random(4), 6);
        float[][] viaPlain;
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            viaPlain = stepTwice(bundle.model(), feature);
        }
        olderBundle();
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.manifest().files().inference()).isNull();
            float[][] viaNetwork = stepTwice(bundle.model(), feature);
            for (int i = 0; i < viaPlain.length; i++) {
                assertThat(viaNetwork[i]).containsExactly(viaPlain[i]);
            }
        }
        Manifest added = ModelBundle.addInferenceWeights(dir);
        assertThat(added.files().inference()).isEqualTo("decoder.weights");
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            float[][] again = stepTwice(bundle.model(), feature);
            for (int i = 0; i < viaPlain.length; i++) {
                assertThat(again[i]).containsExactly(viaPlain[i]);
            }
        }
    }

    /** The bundle as saved before plain weights existed: decoder.zip only. */
    private void olderBundle() throws IOException {
        Files.delete(dir.resolve("decoder.weights"));
        rewriteManifest(",\n    \"inference\" : \"decoder.weights\",\n    \"inferenceSha256\" : \""
                + manifest.files().inferenceSha256() + "\"", "");
    }

    @Test
    void weightsMissing() throws IOException {
        olderBundle();
        Files.delete(dir.resolve("decoder.zip"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("decoder weights '" + dir.resolve("decoder.zip") + "' do not exist");
    }

    @Test
    void weightsCorruptAreCaughtByTheChecksum() throws IOException {
        olderBundle();
        Path weights = dir.resolve("decoder.zip");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("decoder weights '" + weights + "' have SHA-256 ")
                .hasMessageContaining("but manifest '" + dir.resolve("manifest.json") + "' expects");
    }

    @Test
    void weightsCorruptWithoutChecksumFailToRead() throws IOException {
        olderBundle();
        rewriteManifest("\"weightsSha256\" : \"" + manifest.files().weightsSha256() + "\"", "\"weightsSha256\" : null");
        Path weights = dir.resolve("decoder.zip");
        Files.writeString(weights, "PK garbage");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("decoder weights '" + weights + "' cannot be read");
    }

    @Test
    void weightsOfAnotherShapeThanTheManifest() throws IOException {
        olderBundle();
        try (CaptionNetwork other = CaptionNetwork.create(new DecoderConfig(CellType.RNN, 6, V, 5, 9, 0),
                TrainingHyperparameters.defaults())) {
            other.save(dir.resolve("decoder.zip"));
        }
        rewriteManifest("\"weightsSha256\" : \"" + manifest.files().weightsSha256() + "\"", "\"weightsSha256\" : null");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessage("decoder weights '" + dir.resolve("decoder.zip") + "' are a rnn (features 6, vocabulary 12,"
                        + " embedding 5, hidden 9) decoder but manifest '" + dir.resolve("manifest.json")
                        + "' describes a lstm (features 6, vocabulary 12, embedding 5, hidden 7) one");
    }

    @Test
    void fileNamesMayNotLeaveTheFolder() throws IOException {
        rewriteManifest("\"vocab.txt\"", "\"../../vocab.txt\"");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("names file '../../vocab.txt', which is not a file name inside the model folder");
    }

    @Test
    void saveRejectsInconsistentParts() throws IOException {
        try (CaptionNetwork network = CaptionNetwork.create(CONFIG, TrainingHyperparameters.defaults())) {
            Path out = tmp.resolve("bad");
            assertThatThrownBy(() -> ModelBundle.save(out, manifest, TestData.vocabulary(V + 1), network))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("13 tokens");
            Manifest wrongDecoder = manifest.withFiles(manifest.files());
            Manifest rnn = new Manifest(1, "x", wrongDecoder.createdAt(), "0", wrongDecoder.encoder(),
                    Manifest.Decoder.of(new DecoderConfig(CellType.RNN, 6, V, 5, 7, 0)), Manifest.Files.defaults(),
                    null, null, Manifest.Decoding.defaults(), null);
            assertThatThrownBy(() -> ModelBundle.save(out, rnn, vocabulary, network))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manifest describes a rnn");
            assertThat(out).doesNotExist();
        }
    }

    private void rewriteManifest(String from, String to) throws IOException {
        Path file = dir.resolve("manifest.json");
        String json = Files.readString(file);
        assertThat(json).contains(from);
        Files.writeString(file, json.replace(from, to));
    }
}
