package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training configuration record and the data files' hashes travel through the manifest whole. */
class ManifestProvenanceTest {

    @Test
    void theConfigurationRecordAndDataHashesRoundTrip() throws JsonProcessingException {
        TrainingConfig config = TrainingConfig.defaults();
        Manifest.Training training = new Manifest.Training("flickr8k", "Flickr_8k.trainImages.txt", "Flickr_8k.devImages.txt",
                6000, 30000, "captionlab train ...", 42L, 12, 12, 1538.0, Map.of("vocabularySize", 2539), config,
                Map.of("captions.txt", "ab12", "Flickr_8k.trainImages.txt", "cd34"));
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "mine", Instant.parse("2026-01-02T03:04:05Z"), "dev",
                new Manifest.Encoder("mobilenet-v2", 1280, "ff"), new Manifest.Decoder(CellType.LSTM, 256, 512, 2539, 0.5),
                Manifest.Files.defaults(), training, Map.of(), Manifest.Decoding.defaults(), null);

        String json = m.toJson();
        Manifest back = Manifest.fromJson(json);

        assertThat(json).contains("\"createdAt\" : \"2026-01-02T03:04:05Z\"").contains("\"cell\" : \"lstm\"")
                .contains("\"config\"").contains("\"learningRate\" : 0.002").contains("\"dataSha256\"");
        assertThat(back.training().config()).isEqualTo(config);
        assertThat(back.training().dataSha256()).containsEntry("captions.txt", "ab12");
        assertThat(back.createdAt()).isEqualTo(m.createdAt());
        assertThat(back.decoder().cell()).isEqualTo(CellType.LSTM);
    }

    @Test
    void theShippedManifestsWithoutTheRecordStillRead() throws IOException {
        for (String model : new String[] {"rnn-v1", "lstm"}) {
            Manifest m = Manifest.read(Path.of("models", model, Manifest.FILE_NAME));
            assertThat(m.training().config()).as(model).isNull();
            assertThat(m.training().hyperparameters()).as(model).containsKey("learningRate");
            assertThat(m.decoding().beamWidth()).as(model).isEqualTo(7);
        }
    }

    @Test
    void theShippedDefaultRecordsItsWholeTrainingConfiguration() throws IOException {
        Manifest m = Manifest.read(Path.of("models", "default", Manifest.FILE_NAME));
        assertThat(m.training().config()).isNotNull();
        assertThat(m.training().config().normalizeFeatures()).isTrue();
        assertThat(m.training().dataSha256()).containsKeys("captions.txt", "Flickr_8k.trainImages.txt");
        assertThat(m.files().featureStats()).isEqualTo("feature-stats.txt");
        assertThat(m.decoding().beamWidth()).isEqualTo(7);
        assertThat(m.decoding().guide()).isNotNull();
    }
}
