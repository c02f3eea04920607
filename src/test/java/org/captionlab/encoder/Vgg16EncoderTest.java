package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.VGG16ImagePreProcessor;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** What can be checked without building the 138 M-parameter graph (see {@link Vgg16EncoderSlowTest}). */
class Vgg16EncoderTest {

    private static ComputationGraphConfiguration denseHead(String hiddenName, int hiddenUnits) {
        return new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("fc1", new DenseLayer.Builder().nIn(8).nOut(4096).build(), "in")
                .addLayer(hiddenName, new DenseLayer.Builder().nIn(4096).nOut(hiddenUnits).build(), "fc1")
                .addLayer("predictions", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hiddenUnits).nOut(10).build(), hiddenName)
                .setOutputs("predictions")
                .build();
    }

    @Test
    void freshZooGraphUsesNumberedVertex19() {
        ComputationGraphConfiguration conf = VGG16.builder().numClasses(1000).build().conf();
        assertThat(Vgg16Encoder.featureVertex(conf)).isEqualTo("19");
    }

    @Test
    void pretrainedStyleGraphUsesTheVertexNamedFc2() {
        assertThat(Vgg16Encoder.featureVertex(denseHead("fc2", 4096))).isEqualTo("fc2");
    }

    @Test
    void otherNamesAreFoundByStructure() {
        assertThat(Vgg16Encoder.featureVertex(denseHead("hidden", 4096))).isEqualTo("hidden");
    }

    @Test
    void graphWithoutFc2IsRefused() {
        assertThatThrownBy(() -> Vgg16Encoder.featureVertex(denseHead("fc2", 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fc2 layer").hasMessageContaining("[predictions]");
    }

    @Test
    void inputIsBgrNchwWithVggMeansSubtracted() {
        BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, (200 << 16) | (100 << 8) | 50); // R 200, G 100, B 50
        img.setRGB(223, 1, 0xFFFFFF);

        try (INDArray x = Vgg16Encoder.toInput(List.of(img, img))) {
            new VGG16ImagePreProcessor().preProcess(x);

            assertThat(x.shape()).containsExactly(2, 3, 224, 224);
            assertThat(x.getDouble(0, 0, 0, 0)).isCloseTo(50 - 103.939, within(1e-3));
            assertThat(x.getDouble(0, 1, 0, 0)).isCloseTo(100 - 116.779, within(1e-3));
            assertThat(x.getDouble(0, 2, 0, 0)).isCloseTo(200 - 123.68, within(1e-3));
            assertThat(x.getDouble(1, 2, 1, 223)).isCloseTo(255 - 123.68, within(1e-3)); // row 1, column 223
            assertThat(x.getDouble(1, 0, 5, 5)).isCloseTo(-103.939, within(1e-3));
        }
    }

    @Test
    void missingOrInvalidWeightsFileIsAClearError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("vgg16.zip");
        assertThatThrownBy(() -> Vgg16Encoder.fromFile(missing))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessage("VGG16 weights '" + missing + "' do not exist");

        Path garbage = Files.writeString(dir.resolve("garbage.zip"), "not a zip");
        assertThatThrownBy(() -> Vgg16Encoder.fromFile(garbage))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageStartingWith("VGG16 weights '" + garbage + "' are not a saved DL4J ComputationGraph");
    }

    @Test
    void zooCacheFileFollowsTheZooRule() {
        Path cached = Vgg16Encoder.zooCacheFile(VGG16.builder().build());
        assertThat(cached.getFileName().toString()).isEqualTo("vgg16_dl4j_inference.zip");
        assertThat(cached.getParent().getFileName().toString()).isEqualTo("vgg16");
    }
}
