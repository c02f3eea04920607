package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import org.captionlab.SharedAssets;
import org.captionlab.image.ImageLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One forward-pass check of the real VGG16 graph with random weights (never downloads). Building it
 * takes seconds and about 1 GB, hence a single tagged test run with {@code -Pslow}.
 */
@Tag("slow")
class Vgg16EncoderSlowTest {

    @Test
    void fc2FeatureHasShape4096AndIsDeterministic() throws IOException {
        ImageLoader loader = new ImageLoader();
        BufferedImage cat = loader.load(SharedAssets.photo("cat_720p.jpg"));
        BufferedImage hotDog = loader.load(SharedAssets.photo("hot_dog.jpg"));

        Vgg16Encoder encoder = Vgg16Encoder.randomlyInitialised(42);
        try (encoder) {
            assertThat(encoder.id()).isEqualTo("vgg16");
            assertThat(encoder.featureDim()).isEqualTo(4096);
            assertThat(encoder.weightsSha256()).isEqualTo("random-init-seed-42");
            assertThat(encoder.usesPlainOps()).as("the zoo VGG16 runs on libnd4j's ops (oneDNN)").isTrue();

            EncodedImage first = encoder.encode(cat);
            EncodedImage again = encoder.encode(cat);
            List<EncodedImage> batch = encoder.encodeBatch(List.of(hotDog, cat));

            assertThat(first.feature()).hasSize(4096).containsExactly(again.feature());
            assertThat(first.labels()).isEmpty();
            assertThat(batch.get(0).feature()).isNotEqualTo(first.feature());
            // fc2 is after a ReLU: non-negative, and a live network activates some units.
            int active = 0;
            for (float v : first.feature()) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
                if (v > 0) {
                    active++;
                }
            }
            assertThat(active).isGreaterThan(100);
            // Batching changes nothing but speed.
            float[] batched = batch.get(1).feature();
            for (int i = 0; i < 4096; i++) {
                assertThat(batched[i]).isCloseTo(first.feature()[i], within(1e-3f * Math.max(1f, Math.abs(first.feature()[i]))));
            }
        }
        assertThatThrownBy(() -> encoder.encode(cat)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withTheImageNetLabelListTheSamePassReportsTheTopFiveLabels() throws IOException {
        BufferedImage cat = new ImageLoader().load(SharedAssets.photo("cat_720p.jpg"));
        try (Vgg16Encoder encoder = Vgg16Encoder.randomlyInitialised(42)
                .withLabels(SharedAssets.require("encoders").resolve("imagenet_labels.txt"))) {
            assertThat(encoder.labelNames()).hasSize(1001).startsWith("background", "tench");
            EncodedImage e = encoder.encode(cat);
            assertThat(e.feature()).hasSize(4096);
            assertThat(e.labels()).hasSize(5).allSatisfy(l -> {
                assertThat(l.classIndex()).isBetween(1, 1000);
                assertThat(l.label()).isEqualTo(encoder.labelNames().get(l.classIndex()));
            });
            assertThat(e.labels()).isSortedAccordingTo((a, b) -> Double.compare(b.probability(), a.probability()));
        }
    }
}
