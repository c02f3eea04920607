package org.captionlab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {

    @TempDir
    Path dir;

    static Manifest full() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("learningRate", 0.001);
        hp.put("batchSize", 64);
        hp.put("optimizer", "adam");
        Manifest.Training training = new Manifest.Training("flickr8k", "Flickr_8k.trainImages.txt",
                "Flickr_8k.devImages.txt", 6000, 30000, "captionlab train --epochs 20", 42L, 20, 14, 3600.5, hp);
        return new Manifest(1, "default", Instant.parse("2024-05-01T12:00:00Z"), "0.1.0",
                new Manifest.Encoder("mobilenet-v2", 1280, "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776"),
                new Manifest.Decoder(CellType.LSTM, 256, 512, 3000, 0.5),
                new Manifest.Files("vocab.txt", "decoder.zip", "ab12"), training,
                Map.of("dev-beam3", Map.of("BLEU-4", 0.21)), new Manifest.Decoding(3, 0.7, 20, 3),
                "Trained on Flickr8k (research use).");
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws JsonProcessingException {
        Manifest m = full();
        Manifest back = Manifest.fromJson(m.toJson());
        assertThat(back).isEqualTo(m);
        assertThat(back.training().hyperparameters()).containsExactly(
                Map.entry("learningRate", 0.001), Map.entry("batchSize", 64), Map.entry("optimizer", "adam"));
    }

    @Test
    void jsonIsPrettyReadableAndUsesIdsAndIsoDates() {
        String json = full().toJson();
        assertThat(json).contains("\n  \"formatVersion\" : 1,")
                .contains("\"createdAt\" : \"2024-05-01T12:00:00Z\"")
                .contains("\"cell\" : \"lstm\"")
                .contains("\"vocabulary\" : \"vocab.txt\"")
                .contains("\"BLEU-4\" : 0.21");
        // Absent values are left out rather than written as null.
        assertThat(full().withNotes(null).toJson()).doesNotContain("notes").doesNotContain("null");
    }

    @Test
    void unknownFieldsAreIgnoredAndCellTypeIsCaseInsensitive() throws JsonProcessingException {
        String json = """
                {"formatVersion": 1, "name": "m", "futureField": {"x": 1},
                 "encoder": {"id": "vgg16", "featureDim": 4096, "extra": true},
                 "decoder": {"cell": "RNN", "embeddingSize": 8, "hiddenSize": 16, "vocabSize": 10, "dropout": 0},
                 "files": {"vocabulary": "v.txt", "weights": "w.zip"},
                 "decoding": {"beamWidth": 5, "lengthAlpha": 0, "maxLength": 16, "blockRepeatNgram": 0}}
                """;
        Manifest m = Manifest.fromJson(json);
        assertThat(m.decoder().cell()).isEqualTo(CellType.RNN);
        assertThat(m.encoder().weightsSha256()).isNull();
        assertThat(m.training()).isNull();
        assertThat(m.metrics()).isEmpty();
        assertThat(m.decoderConfig()).isEqualTo(new DecoderConfig(CellType.RNN, 4096, 10, 8, 16, 0));
    }

    @Test
    void badValuesAreReportedWithTheFile() throws IOException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, full().toJson().replace("\"lstm\"", "\"gru\""));
        assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("gru");

        Files.writeString(file, full().toJson().replace("2024-05-01T12:00:00Z", "yesterday"));
        assertThatThrownBy(() -> Manifest.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("yesterday");

        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> Manifest.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("not valid");

        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> Manifest.read(missing)).hasMessage("manifest '" + missing + "' does not exist");
    }

    @Test
    void writeAndReadAFile() throws IOException {
        Path file = dir.resolve("manifest.json");
        full().write(file);
        assertThat(Manifest.read(file)).isEqualTo(full());
    }

    @Test
    void createAndWithersBuildAManifestStepByStep() {
        DecoderConfig config = new DecoderConfig(CellType.RNN, 1280, 100, 64, 128, 0.2);
        Manifest.Encoder encoder = new Manifest.Encoder("mobilenet-v2", 1280, "abc");
        Manifest m = Manifest.create("mine", "0.1.0", encoder, config)
                .withMetrics("dev-greedy", Map.of("BLEU-4", 0.1))
                .withMetrics("dev-beam3", Map.of("BLEU-4", 0.2))
                .withMetrics("dev-greedy", Map.of("BLEU-4", 0.15));
        assertThat(m.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(m.files()).isEqualTo(Manifest.Files.defaults());
        assertThat(m.decoding()).isEqualTo(Manifest.Decoding.defaults());
        assertThat(m.decoderConfig()).isEqualTo(config);
        assertThat(m.metrics()).containsOnlyKeys("dev-greedy", "dev-beam3");
        assertThat(m.metrics().get("dev-greedy")).containsEntry("BLEU-4", 0.15);
        assertThat(m.createdAt()).isBeforeOrEqualTo(Instant.now());
        assertThatThrownBy(() -> Manifest.create("x", "0", new Manifest.Encoder("vgg16", 4096, null), config))
                .hasMessageContaining("1280-d").hasMessageContaining("vgg16 gives 4096");
    }

    @Test
    void decodingDefaultsAreValidated() {
        assertThatThrownBy(() -> new Manifest.Decoding(0, 0, 20, 0)).hasMessageContaining("beam width");
        assertThatThrownBy(() -> new Manifest.Decoding(3, -1, 20, 0)).hasMessageContaining("length alpha");
        assertThatThrownBy(() -> new Manifest.Decoding(3, 0, 0, 0)).hasMessageContaining("max length");
        assertThatThrownBy(() -> new Manifest.Decoding(3, 0, 20, -1)).hasMessageContaining("n-gram");
    }
}
