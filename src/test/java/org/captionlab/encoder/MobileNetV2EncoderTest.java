package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.captionlab.SharedAssets;
import org.captionlab.image.ImageConversions;
import org.captionlab.image.ImageLoader;
import org.captionlab.image.ImageResizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real MobileNetV2 TFLite model from ../shared on real photos. */
class MobileNetV2EncoderTest {

    private static final List<String> CAT_LABELS =
            List.of("tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat");
    private static final String EXPECTED_SHA =
            "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";

    private static MobileNetV2Encoder encoder;

    @BeforeAll
    static void openEncoder() throws IOException {
        encoder = MobileNetV2Encoder.open(SharedAssets.mobileNetWeights());
    }

    @AfterAll
    static void closeEncoder() {
        if (encoder != null) {
            encoder.close();
        }
    }

    private static BufferedImage photo(String name) throws IOException {
        return new ImageLoader().load(SharedAssets.photo(name));
    }

    @Test
    void describesItself() {
        assertThat(encoder.id()).isEqualTo("mobilenet-v2");
        assertThat(encoder.featureDim()).isEqualTo(1280);
        assertThat(encoder.weightsSha256()).isEqualTo(EXPECTED_SHA);
        assertThat(encoder.labels()).hasSize(1001).first().isEqualTo("background");
    }

    @Test
    void catPhotoIsACat() throws IOException {
        EncodedImage result = encoder.encode(photo("cat_720p.jpg"));

        assertThat(result.labels()).hasSize(5);
        assertThat(result.labels().get(0).label()).isIn(CAT_LABELS);
        assertThat(result.labels()).extracting(ImageLabel::label).doesNotContain("background");
        assertThat(result.labels()).extracting(ImageLabel::probability)
                .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void hotDogPhotoIsAHotdog() throws IOException {
        EncodedImage result = encoder.encode(photo("hot_dog.jpg"));

        assertThat(result.labels().get(0).label()).isEqualTo("hotdog");
        assertThat(result.labels().get(0).probability()).isGreaterThan(0.5);
    }

    @Test
    void featureIsTheDequantizedPooledActivationAndDeterministic() throws IOException {
        BufferedImage cat = photo("cat_720p.jpg");
        float[] first = encoder.encode(cat).feature();
        // A different image in between: a stale or reused buffer would show up as a change.
        float[] other = encoder.encode(photo("hot_dog.jpg")).feature();
        float[] second = encoder.encode(cat).feature();

        assertThat(first).hasSize(1280).containsExactly(second);
        assertThat(other).isNotEqualTo(first);
        // Average of ReLU6 activations: every value lies in [0, 6], and a real photo activates
        // a good share of the channels.
        long nonZero = 0;
        for (float v : first) {
            assertThat(v).isBetween(0f, 6.0001f);
            if (v > 0f) {
                nonZero++;
            }
        }
        assertThat(nonZero).isGreaterThan(300);
    }

    @Test
    void fastPathMatchesEncodeOnA224Image() throws IOException {
        BufferedImage square = ImageResizer.squash(photo("owl.jpg"), 224, 224);
        byte[] rgb = ImageConversions.toRgbBytes(square);

        assertThat(encoder.encodeRgb224(rgb).feature()).containsExactly(encoder.encode(square).feature());
        assertThatThrownBy(() -> encoder.encodeRgb224(new byte[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150528");
    }

    @Test
    void closedEncoderRefusesWorkAndClosesTwice() throws IOException {
        MobileNetV2Encoder own = MobileNetV2Encoder.open(SharedAssets.mobileNetWeights());
        own.close();
        own.close();
        assertThatThrownBy(() -> own.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void rejectsMissingAndInvalidFiles(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.tflite");
        assertThatThrownBy(() -> MobileNetV2Encoder.open(missing))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.tflite");

        Path garbage = dir.resolve("garbage.tflite");
        Files.writeString(garbage, "this is not a flatbuffer");
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), dir.resolve("imagenet_labels.txt"));
        assertThatThrownBy(() -> MobileNetV2Encoder.open(garbage))
                .isInstanceOf(IOException.class).hasMessageContaining("garbage.tflite");

        Path weightsWithoutLabels = Files.createDirectories(dir.resolve("w")).resolve("m.tflite");
        Files.copy(SharedAssets.mobileNetWeights(), weightsWithoutLabels);
        assertThatThrownBy(() -> MobileNetV2Encoder.open(weightsWithoutLabels))
                .isInstanceOf(IOException.class).hasMessageContaining("imagenet_labels.txt");
    }
}
