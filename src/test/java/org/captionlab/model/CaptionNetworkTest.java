package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CaptionNetworkTest {

    private static final int V = 18;
    private static final DecoderConfig SMALL = new DecoderConfig(CellType.RNN, 6, V, 5, 8, 0.0);

    @TempDir
    Path dir;

    @Test
    void disableDropoutTrainsAsANetworkWithoutDropout() {
        float[][] after = new float[3][];
        double[] rates = {0.5, 0.5, 0.0};
        for (int i = 0; i < 3; i++) {
            try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.RNN, 6, V, 5, 8, rates[i]),
                    TrainingHyperparameters.defaults().withLearningRate(0.05))) {
                if (i == 1) {
                    network.disableDropout();
                }
                MultiDataSet batch = network.batch(List.of(new float[] {1, 2, 3, 4, 5, 6}, new float[] {0, 1, 0, 1, 0, 1}),
                        List.of(new int[] {5, 6, 7}, new int[] {8, 9}), 20);
                for (int k = 0; k < 5; k++) {
                    network.fit(batch);
                }
                after[i] = network.parameters();
            }
        }
        assertThat(after[1]).containsExactly(after[2]);
        assertThat(after[0]).isNotEqualTo(after[2]);
    }

    @Test
    void batchIsTeacherForcedPaddedAndMasked() {
        try (CaptionNetwork network = CaptionNetwork.create(SMALL, TrainingHyperparameters.defaults())) {
            float[] f0 = {1, 2, 3, 4, 5, 6};
            float[] f1 = {6, 5, 4, 3, 2, 1};
            MultiDataSet batch = network.batch(List.of(f0, f1), List.of(new int[] {5, 6, 7}, new int[] {9}), 20);

            INDArray words = batch.getFeatures(0);
            assertThat(words.shape()).containsExactly(2, 1, 4);
            assertThat(row(words, 0)).containsExactly(Vocabulary.START_ID, 5, 6, 7);
            assertThat(row(words, 1)).containsExactly(Vocabulary.START_ID, 9, 0, 0);
            assertThat(row(batch.getLabels(0), 0)).containsExactly(5, 6, 7, Vocabulary.END_ID);
            assertThat(row(batch.getLabels(0), 1)).containsExactly(9, Vocabulary.END_ID, 0, 0);
            assertThat(batch.getFeatures(1).toFloatMatrix()).isDeepEqualTo(new float[][] {f0, f1});
            float[][] mask = {{1, 1, 1, 1}, {1, 1, 0, 0}};
            assertThat(batch.getFeaturesMaskArray(0).toFloatMatrix()).isDeepEqualTo(mask);
            assertThat(batch.getFeaturesMaskArray(1)).isNull();
            assertThat(batch.getLabelsMaskArray(0).toFloatMatrix()).isDeepEqualTo(mask);
            assertThat(CaptionNetwork.targetCount(batch)).isEqualTo(6);
        }
    }

    @Test
    void batchCutsLongCaptionsWithoutTeachingAFalseEnd() {
        try (CaptionNetwork network = CaptionNetwork.create(SMALL, TrainingHyperparameters.defaults())) {
            MultiDataSet batch = network.batch(List.of(new float[6], new float[6]),
                    List.of(new int[] {3, 4, 5, 6, 7, 8}, new int[] {9, 10}), 3);
            assertThat(batch.getFeatures(0).shape()).containsExactly(2, 1, 3);
            assertThat(row(batch.getFeatures(0), 0)).containsExactly(Vocabulary.START_ID, 3, 4);
            assertThat(row(batch.getLabels(0), 0)).containsExactly(3, 4, 5);
            // A caption that fits still ends with <end>.
            assertThat(row(batch.getLabels(0), 1)).containsExactly(9, 10, Vocabulary.END_ID);
        }
    }

    @Test
    void batchRejectsInvalidInput() {
        try (CaptionNetwork network = CaptionNetwork.create(SMALL, TrainingHyperparameters.defaults())) {
            List<float[]> one = List.of(new float[6]);
            assertThatThrownBy(() -> network.batch(one, List.of(new int[] {3}, new int[] {4}), 20))
                    .hasMessage("1 features but 2 captions");
            assertThatThrownBy(() -> network.batch(List.of(new float[5]), List.of(new int[] {3}), 20))
                    .hasMessage("feature 0 has 5 values, the decoder expects 6");
            assertThatThrownBy(() -> network.batch(one, List.of(new int[0]), 20)).hasMessage("caption 0 is empty");
            assertThatThrownBy(() -> network.batch(one, List.of(new int[] {3, V}), 20))
                    .hasMessageContaining("word index 18");
            assertThatThrownBy(() -> network.batch(one, List.of(new int[] {Vocabulary.START_ID}), 20))
                    .hasMessageContaining("word index 1");
            assertThatThrownBy(() -> network.batch(List.of(), List.of(), 20)).hasMessageContaining("at least one");
        }
    }

    /** loss() is the mean over predicted words of -log p(target), padding excluded, as computed here by hand. */
    @Test
    void lossIsMeanCrossEntropyPerPredictedWord() {
        try (CaptionNetwork network = CaptionNetwork.create(SMALL.withDropout(0.5), TrainingHyperparameters.defaults())) {
            Random random = new Random(1);
            List<int[]> captions = List.of(TestData.randomCaption(random, 5, V), TestData.randomCaption(random, 2, V));
            MultiDataSet batch = network.batch(List.of(TestData.randomFeature(random, 6),
                    TestData.randomFeature(random, 6)), captions, 20);
            INDArray p = network.output(batch);
            double sum = 0;
            int count = 0;
            for (int i = 0; i < captions.size(); i++) {
                int[] c = captions.get(i);
                for (int t = 0; t <= c.length; t++) {
                    int target = t < c.length ? c[t] : Vocabulary.END_ID;
                    sum -= Math.log(p.getDouble(i, target, t));
                    count++;
                }
            }
            assertThat(count).isEqualTo(9);
            assertThat(network.loss(batch)).isCloseTo(sum / count, within(1e-5));
            // Without training, the loss is about log V (uniform prediction), a sanity check of the scale.
            assertThat(network.loss(batch)).isCloseTo(Math.log(V), within(0.5));
        }
    }

    /**
     * fit() reports the per-word loss of the batch, without the regularisation term. With truncated BPTT each chunk
     * is scored under the weights left by the previous chunk's step, so a tiny learning rate makes the comparison
     * exact for both modes.
     */
    @Test
    void fitReportsThePerWordLossWithoutRegularisation() {
        for (int tbptt : new int[] {0, 2}) {
            TrainingHyperparameters hp = TrainingHyperparameters.defaults().withTbpttLength(tbptt).withWeightDecay(0.5)
                    .withLearningRate(1e-9);
            try (CaptionNetwork network = CaptionNetwork.create(SMALL, hp)) {
                MultiDataSet batch = tinyBatch(network);
                double before = network.loss(batch);
                assertThat(network.fit(batch)).as("tbptt %d", tbptt).isCloseTo(before, within(1e-5));
            }
        }
    }

    @Test
    void truncatedBpttTakesOneStepPerChunkWithTheFeatureInputOnEveryChunk() {
        TrainingHyperparameters hp = TrainingHyperparameters.defaults().withTbpttLength(2);
        try (CaptionNetwork network = CaptionNetwork.create(SMALL, hp)) {
            MultiDataSet batch = tinyBatch(network);   // longest sequence: 5 steps → chunks of 2, 2, 1
            assertThat(batch.getFeatures(0).size(2)).isEqualTo(5);
            network.fit(batch);
            assertThat(network.iterationCount()).isEqualTo(3);
            assertThat(network.hyperparameters().tbpttLength()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void overfitsATinyDatasetUntilGreedyDecodingReproducesEveryCaption(CellType cell) {
        assertOverfits(cell, 0);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void overfitsWithTruncatedBptt(CellType cell) {
        assertOverfits(cell, 2);
    }

    private static void assertOverfits(CellType cell, int tbptt) {
        Random random = new Random(11);
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < TINY_CAPTIONS.length; i++) {
            features.add(TestData.randomFeature(random, 16));
        }
        List<int[]> captions = Arrays.asList(TINY_CAPTIONS);
        DecoderConfig config = new DecoderConfig(cell, 16, V, 16, 32, 0.1);
        TrainingHyperparameters hp = TrainingHyperparameters.defaults().withLearningRate(0.05).withTbpttLength(tbptt);
        try (CaptionNetwork network = CaptionNetwork.create(config, hp)) {
            MultiDataSet batch = network.batch(features, captions, 20);
            double firstLoss = Double.NaN;
            int iterations = 0;
            List<int[]> decoded = List.of();
            while (iterations < 400) {
                double loss = network.fit(batch);
                firstLoss = Double.isNaN(firstLoss) ? loss : firstLoss;
                iterations++;
                if (iterations % 5 == 0) {
                    decoded = Greedy.decode(network.toCaptionModel(TestData.vocabulary(V)), features, 10);
                    if (sameCaptions(decoded, captions)) {
                        break;
                    }
                }
            }
            for (int i = 0; i < captions.size(); i++) {
                assertThat(decoded.get(i)).as("%s tbptt %d caption %d after %d fits", cell, tbptt, i, iterations)
                        .containsExactly(captions.get(i));
            }
            assertThat(network.loss(batch)).isLessThan(0.2 * firstLoss);
        }
    }

    private static boolean sameCaptions(List<int[]> a, List<int[]> b) {
        for (int i = 0; i < b.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Distinct captions over words 3..17 that share prefixes and words, so the image must be used. */
    private static final int[][] TINY_CAPTIONS = {
            {3, 4, 5, 6},
            {3, 4, 7, 8, 9},
            {10, 11, 5},
            {3, 12, 13, 14, 6},
            {15, 16, 17},
            {10, 4, 5, 16},
    };

    @Test
    void sameSeedGivesIdenticalParametersAfterTraining() {
        DecoderConfig config = new DecoderConfig(CellType.LSTM, 6, V, 5, 8, 0.3);   // dropout draws from the RNG too
        float[] a = trainedParameters(config, 123);
        float[] b = trainedParameters(config, 123);
        float[] c = trainedParameters(config, 124);
        assertThat(b).containsExactly(a);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    private static float[] trainedParameters(DecoderConfig config, long seed) {
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults().withSeed(seed))) {
            MultiDataSet batch = tinyBatch(network);
            for (int i = 0; i < 5; i++) {
                network.fit(batch);
            }
            return network.parameters();
        }
    }

    /**
     * With a clip threshold far below the gradient norm, gradientNorm() still reports the pre-clip norm, and the
     * clipped gradient moves the weights far less than the unclipped one. Adam's first step is
     * lr·g/(|g|+ε) per weight: about lr when |g| ≫ ε = 1e-8, at most lr·|g|/ε when clipped to a norm of 1e-12.
     */
    @Test
    void clippingBoundsTheUpdateAndGradientNormReportsThePreClipNorm() {
        double lr = 0.01;
        double threshold = 1e-12;
        double clippedStep;
        double clippedNorm;
        try (CaptionNetwork network = CaptionNetwork.create(SMALL,
                TrainingHyperparameters.defaults().withLearningRate(lr).withGradientClip(threshold))) {
            assertThat(network.gradientNorm()).isNaN();
            clippedStep = stepSize(network);
            clippedNorm = network.gradientNorm();
        }
        double freeStep;
        double freeNorm;
        try (CaptionNetwork network = CaptionNetwork.create(SMALL,
                TrainingHyperparameters.defaults().withLearningRate(lr).withGradientClip(0))) {
            freeStep = stepSize(network);
            freeNorm = network.gradientNorm();
        }
        assertThat(clippedNorm).isGreaterThan(1e-3).isCloseTo(freeNorm, within(1e-6 * freeNorm));
        int layers = 3;
        assertThat(clippedStep).isLessThanOrEqualTo(lr * threshold * Math.sqrt(layers) / 1e-8 * 1.01);
        assertThat(freeStep).isGreaterThan(0.1 * lr);
    }

    /** L2 norm of the parameter change of one fit. */
    private static double stepSize(CaptionNetwork network) {
        MultiDataSet batch = tinyBatch(network);
        float[] before = network.parameters();
        network.fit(batch);
        float[] after = network.parameters();
        double sq = 0;
        for (int i = 0; i < before.length; i++) {
            double d = (double) after[i] - before[i];
            sq += d * d;
        }
        return Math.sqrt(sq);
    }

    /**
     * Weight decay is decoupled from Adam (AdamW): with the gradient clipped to nothing, one step multiplies every
     * weight matrix by (1 - lr·λ) and leaves the biases alone.
     */
    @Test
    void weightDecayShrinksWeightsButNotBiases() {
        double lr = 0.1;
        double decay = 0.5;
        TrainingHyperparameters hp = new TrainingHyperparameters(lr, 1e-12, 0, decay, 5);
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.LSTM, 6, V, 5, 8, 0), hp)) {
            var graph = network.graph();
            String[][] weights = {{CaptionNetwork.EMBEDDING, "W"}, {CaptionNetwork.RNN, "W"}, {CaptionNetwork.RNN, "RW"},
                    {CaptionNetwork.OUTPUT, "W"}};
            String[][] biases = {{CaptionNetwork.RNN, "b"}, {CaptionNetwork.OUTPUT, "b"}};
            INDArray[] before = new INDArray[weights.length + biases.length];
            for (int i = 0; i < before.length; i++) {
                String[] p = i < weights.length ? weights[i] : biases[i - weights.length];
                before[i] = graph.getLayer(p[0]).getParam(p[1]).dup();
            }
            network.fit(tinyBatch(network));
            for (int i = 0; i < before.length; i++) {
                String[] p = i < weights.length ? weights[i] : biases[i - weights.length];
                float[] expected = before[i].mul(i < weights.length ? 1 - lr * decay : 1.0).ravel().toFloatVector();
                float[] actual = graph.getLayer(p[0]).getParam(p[1]).dup().ravel().toFloatVector();
                for (int j = 0; j < expected.length; j++) {
                    assertThat((double) actual[j]).as("%s %s [%d]", p[0], p[1], j).isCloseTo(expected[j], within(1e-4));
                }
            }
        }
    }

    @Test
    void learningRateCanBeChangedDuringTrainingAndIsSaved() throws IOException {
        try (CaptionNetwork network = CaptionNetwork.create(SMALL, TrainingHyperparameters.defaults())) {
            network.fit(tinyBatch(network));
            network.setLearningRate(0.0005);
            assertThat(network.hyperparameters().learningRate()).isEqualTo(0.0005);
            Path file = dir.resolve("decoder.zip");
            network.save(file);
            try (CaptionNetwork loaded = CaptionNetwork.load(file)) {
                assertThat(loaded.hyperparameters().learningRate()).isEqualTo(0.0005);
                assertThat(loaded.iterationCount()).isEqualTo(1);
            }
            assertThatThrownBy(() -> network.setLearningRate(0)).hasMessageContaining("must be > 0");
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void recurrentWeightsAreTheTransposedHiddenToHiddenBlock(CellType cell) {
        DecoderConfig config = new DecoderConfig(cell, 6, V, 5, 4, 0);
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults())) {
            float[][] rw = network.graph().getLayer(CaptionNetwork.RNN).getParam("RW").toFloatMatrix();
            assertThat(rw[0]).hasSize(cell == CellType.LSTM ? 16 : 4);
            float[][] whh = network.recurrentWeights();
            assertThat(whh).hasDimensions(4, 4);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertThat(whh[i][j]).isEqualTo(rw[j][i]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void saveAndLoadRestoreConfigWeightsAndAdamStateSoTrainingResumesIdentically(CellType cell) throws IOException {
        DecoderConfig config = new DecoderConfig(cell, 6, V, 5, 8, 0.25);
        TrainingHyperparameters hp = new TrainingHyperparameters(0.005, 2.5, 3, 0.01, 99);
        Path file = dir.resolve("decoder.zip");
        try (CaptionNetwork original = CaptionNetwork.create(config, hp)) {
            MultiDataSet batch = tinyBatch(original);
            original.fit(batch);
            original.save(file);
            try (CaptionNetwork loaded = CaptionNetwork.load(file)) {
                assertThat(loaded.config()).isEqualTo(config);
                assertThat(loaded.hyperparameters()).isEqualTo(hp);
                assertThat(loaded.parameters()).containsExactly(original.parameters());
                assertThat(loaded.loss(batch)).isEqualTo(original.loss(batch));
                assertThat(loaded.graph().getUpdater().getStateViewArray())
                        .isEqualTo(original.graph().getUpdater().getStateViewArray());
            }
        }
        // Without dropout the next step is deterministic: a resumed network follows the original exactly.
        DecoderConfig noDropout = config.withDropout(0);
        try (CaptionNetwork original = CaptionNetwork.create(noDropout, hp)) {
            MultiDataSet batch = tinyBatch(original);
            original.fit(batch);
            original.save(file);
            try (CaptionNetwork loaded = CaptionNetwork.load(file)) {
                original.fit(batch);
                loaded.fit(batch);
                assertThat(loaded.parameters()).containsExactly(original.parameters());
            }
        }
    }

    @Test
    void loadRejectsMissingAndCorruptFiles() throws IOException {
        Path missing = dir.resolve("nothing.zip");
        assertThatThrownBy(() -> CaptionNetwork.load(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("do not exist");
        Path corrupt = Files.writeString(dir.resolve("corrupt.zip"), "not a zip");
        assertThatThrownBy(() -> CaptionNetwork.load(corrupt)).isInstanceOf(IOException.class)
                .hasMessageContaining(corrupt.toString()).hasMessageContaining("cannot be read");
    }

    @Test
    void closedNetworkRefusesWork() {
        CaptionNetwork network = CaptionNetwork.create(SMALL, TrainingHyperparameters.defaults());
        network.close();
        network.close();
        assertThatThrownBy(network::parameters).hasMessage("caption network is closed");
    }

    private static MultiDataSet tinyBatch(CaptionNetwork network) {
        Random random = new Random(2);
        int f = network.config().featureDim();
        return network.batch(List.of(TestData.randomFeature(random, f), TestData.randomFeature(random, f)),
                List.of(new int[] {3, 4, 5, 6}, new int[] {7, 8}), 20);
    }

    private static float[] row(INDArray sequence, int i) {
        return sequence.slice(i).slice(0).toFloatVector();
    }
}
