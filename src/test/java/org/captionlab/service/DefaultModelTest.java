package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.SharedAssets;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;

/** The shipped model: it loads with the default encoder and writes sensible captions for real photos. */
class DefaultModelTest {

    private static final Path DEFAULT = Path.of("models", "default");

    @Test
    void shippedModelIsSmallAndDocumented() throws IOException {
        Manifest m = Manifest.read(DEFAULT.resolve("manifest.json"));
        assertThat(m.encoder().id()).isEqualTo("mobilenet-v2");
        assertThat(m.training().dataset()).containsIgnoringCase("flickr8k");
        assertThat(m.training().trainImages()).isEqualTo(6000);
        assertThat(m.training().commandLine()).startsWith("captionlab train");
        assertThat(m.metrics()).containsKeys("dev-greedy", "dev-beam7");
        // The acceptance bar of the shipped vanilla RNN: BLEU-4 >= 0.18 on the dev split with beam search.
        assertThat(m.metrics().get("dev-beam7").get("BLEU-4")).isGreaterThanOrEqualTo(0.18);
        assertThat(m.decoding().beamWidth()).isEqualTo(7);
        long bytes;
        try (var files = Files.walk(DEFAULT)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThan(25L * 1024 * 1024);
    }

    @Test
    void captionsRealPhotosSensibly() throws IOException {
        try (CaptioningService service = new CaptioningService(ModelBundle.load(DEFAULT),
                MobileNetV2Encoder.open(SharedAssets.mobileNetWeights()))) {
            List<Caption> dog = service.caption(Path.of("sample-images", "dog.jpg"), service.defaultOptions()).captions();
            assertThat(dog).hasSize(3);
            assertThat(dog.get(0).words()).contains("dog");
            assertThat(dog.get(0).finished()).isTrue();
            // Photos of people are about people.
            List<Caption> face = service.caption(SharedAssets.photo("face.jpg"), service.defaultOptions()).captions();
            assertThat(face.get(0).words()).containsAnyOf("man", "men", "woman", "women", "people", "person", "girl",
                    "boy", "group");
            List<Caption> squat = service.caption(SharedAssets.photo("squat.bmp"), service.defaultOptions()).captions();
            assertThat(squat.get(0).words()).containsAnyOf("man", "men", "woman", "women", "people", "person", "girl",
                    "boy");
        }
    }
}
