package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The weighted loss self-critical training relies on: its gradient through the whole decoder is linear in the
 * caption weights (negative weights included), and with weight 1 it is DL4J's sparse cross-entropy.
 */
class WeightedSparseCrossEntropyTest {

    private static final List<float[]> FEATURES = List.of(new float[] {0.5f, -1f, 2f, 0.1f},
            new float[] {1f, 0f, -2f, 0.3f});
    private static final List<int[]> CAPTIONS = List.of(new int[] {3, 4, 5, 6}, new int[] {7, 8});

    private static CaptionNetwork network(CellType cell) {
        return CaptionNetwork.create(new DecoderConfig(cell, 4, 20, 6, 12, 0.0),
                TrainingHyperparameters.defaults().withGradientClip(0).withSeed(3));
    }

    private static float[] weightedGradient(CellType cell, double first, double second) {
        try (CaptionNetwork net = network(cell)) {
            return net.fitWeightedAndReturnGradient(FEATURES, CAPTIONS, new double[] {first, second},
                    new boolean[] {true, true}, 16);
        }
    }

    private static double relativeDistance(float[] a, float[] b, double scaleOfB) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.pow(a[i] - scaleOfB * b[i], 2);
            norm += Math.pow(a[i], 2);
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void gradientIsLinearInTheWeightsThroughTheWholeNetwork() {
        for (CellType cell : CellType.values()) {
            float[] plus = weightedGradient(cell, 1, 1);
            float[] minus = weightedGradient(cell, -1, -1);
            float[] twice = weightedGradient(cell, 2, 2);
            assertThat(relativeDistance(minus, plus, -1)).as(cell + ": g(-1) = -g(1)").isLessThan(1e-5);
            assertThat(relativeDistance(twice, plus, 2)).as(cell + ": g(2) = 2 g(1)").isLessThan(1e-5);
        }
    }

    @Test
    void captionsAddUpAndAZeroWeightContributesNothing() {
        float[] first = weightedGradient(CellType.RNN, 0.7, 0);
        float[] second = weightedGradient(CellType.RNN, 0, -1.3);
        float[] both = weightedGradient(CellType.RNN, 0.7, -1.3);
        float[] sum = new float[both.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = first[i] + second[i];
        }
        assertThat(relativeDistance(both, sum, 1)).isLessThan(1e-5);
    }

    @Test
    void withUnitWeightsItIsTheOrdinaryTeacherForcedGradient() {
        float[] weighted = weightedGradient(CellType.LSTM, 1, 1);
        float[] plain;
        try (CaptionNetwork net = network(CellType.LSTM)) {
            plain = net.fitAndReturnGradient(net.batch(FEATURES, CAPTIONS, 16));
        }
        assertThat(relativeDistance(weighted, plain, 1)).isLessThan(1e-5);
    }

    @Test
    void theNetworkKeepsDl4jsOwnLossAfterAWeightedStep() {
        try (CaptionNetwork net = network(CellType.RNN)) {
            net.fitWeighted(FEATURES, CAPTIONS, new double[] {-1, 1}, new boolean[] {true, false}, 16);
            org.deeplearning4j.nn.conf.layers.BaseOutputLayer output =
                    (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) net.graph().getLayer("output").conf().getLayer();
            assertThat(output.getLossFn()).isInstanceOf(LossSparseMCXENT.class);
        }
    }

    @Test
    void scoreAndGradientMatchTheFormulaOnOneRow() {
        INDArray logits = Nd4j.create(new double[][] {{0.2, -1.0, 0.5}, {1.0, 0.0, -0.5}});
        INDArray labels = Nd4j.create(new double[][] {{2, -0.5}, {0, 2.0}});
        WeightedSparseCrossEntropy loss = new WeightedSparseCrossEntropy();
        INDArray p = new ActivationSoftmax().getActivation(logits.dup(), false);
        INDArray scores = loss.computeScoreArray(labels, logits, new ActivationSoftmax(), null);
        assertThat(scores.getDouble(0, 0)).isCloseTo(0.5 * Math.log(p.getDouble(0, 2)), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(scores.getDouble(1, 0)).isCloseTo(-2.0 * Math.log(p.getDouble(1, 0)), org.assertj.core.api.Assertions.within(1e-6));
        INDArray grad = loss.computeGradient(labels, logits, new ActivationSoftmax(), null);
        assertThat(grad.getDouble(0, 1)).isCloseTo(-0.5 * p.getDouble(0, 1), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(grad.getDouble(0, 2)).isCloseTo(-0.5 * (p.getDouble(0, 2) - 1), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(grad.getDouble(1, 0)).isCloseTo(2.0 * (p.getDouble(1, 0) - 1), org.assertj.core.api.Assertions.within(1e-6));
        // Indices only: DL4J's sparse cross-entropy.
        INDArray indices = labels.getColumns(0);
        INDArray ours = loss.computeGradient(indices, logits, new ActivationSoftmax(), null);
        INDArray theirs = new LossSparseMCXENT().computeGradient(indices, logits, new ActivationSoftmax(), null);
        assertThat(ours.sub(theirs).norm2Number().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void aWeightedMaskIsRefused() {
        INDArray logits = Nd4j.create(new double[][] {{0.2, -1.0, 0.5}});
        INDArray labels = Nd4j.create(new double[][] {{2, 1}});
        assertThatThrownBy(() -> new WeightedSparseCrossEntropy().computeGradient(labels, logits,
                new ActivationSoftmax(), Nd4j.create(new double[][] {{0.5}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0/1 mask");
    }
}
