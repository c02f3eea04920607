package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The libnd4j-ops inference of a VGG-shaped graph gives the graph's own activations. */
class PlainCnnForwardTest {

    /** A small VGG: two conv blocks (Same mode, ReLU, 2×2 max pooling), dropout, dense ReLU ×2, softmax output. */
    private static ComputationGraph smallVgg(Activation convActivation, ConvolutionMode mode) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).weightInit(WeightInit.XAVIER).dataType(DataType.FLOAT).convolutionMode(mode)
                .graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(3).nOut(4)
                        .activation(convActivation).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(6)
                        .activation(Activation.RELU).build(), "c1")
                .addLayer("p1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "c2")
                .addLayer("c3", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(8)
                        .activation(Activation.RELU).build(), "p1")
                .addLayer("p2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "c3")
                .addLayer("fc1", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "p2")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "fc1")
                .addLayer("fc2", new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build(), "drop")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "fc2")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(16, 16, 3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void givesTheGraphsFeaturesAndProbabilities() {
        for (ConvolutionMode mode : List.of(ConvolutionMode.Same, ConvolutionMode.Truncate)) {
            ComputationGraph g = smallVgg(Activation.RELU, mode);
            PlainCnnForward forward = PlainCnnForward.compile(g).orElseThrow();
            INDArray input = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16).muli(255).subi(120);
            INDArray copy = input.dup();
            INDArray[] expected = g.output(List.of("fc2", "out"), false, new INDArray[] {input}, null);
            INDArray[] actual = forward.output(List.of("fc2", "out"), input);

            assertThat(input).as("input untouched").isEqualTo(copy);
            for (int i = 0; i < 2; i++) {
                assertThat(actual[i].shape()).isEqualTo(expected[i].shape());
                double scale = Math.max(1e-3, expected[i].amaxNumber().doubleValue());
                double diff = actual[i].sub(expected[i]).amaxNumber().doubleValue();
                assertThat(diff).as(mode + " output " + i).isLessThan(1e-4 * scale);
            }
            assertThat(expected[0].sumNumber().doubleValue()).as("a live network").isGreaterThan(0);
        }
    }

    @Test
    void graphsOfOtherShapesAreLeftToDl4j() {
        assertThat(PlainCnnForward.compile(smallVgg(Activation.TANH, ConvolutionMode.Same))).isEmpty();
    }
}
