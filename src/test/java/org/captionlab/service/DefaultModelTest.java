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
        assertThat(m.metrics()).containsKey("dev-greedy");
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
            assertThat(dog.get(0).words()).contains("dog");
            List<Caption> horses = service.caption(Path.of("sample-images", "horses.jpg"), service.defaultOptions()).captions();
            assertThat(horses.get(0).text()).containsAnyOf("horse", "horses", "cow", "cows", "animals");
            List<Caption> person = service.caption(Path.of("sample-images", "person.jpg"), service.defaultOptions()).captions();
            assertThat(person.get(0).words()).containsAnyOf("man", "woman", "person", "girl", "boy", "people", "dog");
        }
    }
}
