package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.captionlab.SharedAssets;
import org.captionlab.util.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageEncodersTest {

    @TempDir
    Path home;

    /** An environment that finds ../shared and can never download (port 9 on loopback). */
    private EncoderWeights.Environment env() {
        Path project = SharedAssets.root().resolveSibling("project-dir-that-need-not-exist");
        URI nowhere = URI.create("http://127.0.0.1:9/none");
        return new EncoderWeights.Environment(Map.of(), home, project, nowhere, nowhere, Duration.ofSeconds(2));
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> ImageEncoders.open("resnet", null, env(), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown encoder 'resnet'; known encoders: mobilenet-v2, vgg16");
        assertThatThrownBy(() -> ImageEncoders.featureDim(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void featureDimsWithoutOpening() {
        assertThat(ImageEncoders.featureDim("mobilenet-v2")).isEqualTo(1280);
        assertThat(ImageEncoders.featureDim("vgg16")).isEqualTo(4096);
    }

    @Test
    void opensMobileNetFromTheSharedFolder() throws Exception {
        try (ImageEncoder encoder = ImageEncoders.open("mobilenet-v2", null, env(), ProgressListener.NONE)) {
            assertThat(encoder.id()).isEqualTo("mobilenet-v2");
            assertThat(encoder.featureDim()).isEqualTo(1280);
            assertThat(encoder.weightsSha256()).isEqualTo(EncoderWeights.MODEL_SHA256);
        }
    }

    @Test
    void explicitWeightsThatDoNotExistAreAnErrorForBothEncoders() {
        Path missing = home.resolve("missing.bin");
        assertThatThrownBy(() -> ImageEncoders.open("mobilenet-v2", missing, env(), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> ImageEncoders.open("vgg16", missing, env(), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class).hasMessageContaining(missing.toString());
    }
}
