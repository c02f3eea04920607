package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecurrentCaptionModelTest {

    private static final int V = 23;

    /**
     * The plain-Java step function reproduces DL4J's full-sequence forward pass: with random weights (biases
     * included, not DL4J's zero init) and captions of different lengths in one padded batch, the log-probabilities
     * of every valid step agree to 1e-4.
     */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void stepByStepLogProbsEqualDl4jFullSequenceOutput(CellType cell) {
        DecoderConfig config = new DecoderConfig(cell, 11, V, 7, 13, 0.5);
        Random random = new Random(7);
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults())) {
            INDArray params = network.graph().params();
            network.graph().setParams(Nd4j.rand(params.dataType(), params.shape()).subi(0.5).muli(1.6));
            List<float[]> features = new ArrayList<>();
            List<int[]> captions = new ArrayList<>();
            for (int length : new int[] {6, 2, 4}) {
                features.add(TestData.randomFeature(random, config.featureDim()));
                captions.add(TestData.randomCaption(random, length, V));
            }
            MultiDataSet batch = network.batch(features, captions, 20);
            INDArray probabilities = network.output(batch);   // [mb, V, T]

            CaptionModel model = network.toCaptionModel(TestData.vocabulary(V));
            DecoderState state = model.initialStates(features.toArray(float[][]::new));
            int steps = (int) probabilities.size(2);
            for (int t = 0; t < steps; t++) {
                int[] previous = new int[captions.size()];
                for (int i = 0; i < previous.length; i++) {
                    int[] c = captions.get(i);
                    previous[i] = t == 0 ? Vocabulary.START_ID : t - 1 < c.length ? c[t - 1] : Vocabulary.END_ID;
                }
                CaptionModel.Step step = model.step(state, previous);
                for (int i = 0; i < captions.size(); i++) {
                    if (t > captions.get(i).length) {
                        continue;   // padding
                    }
                    for (int w = 0; w < V; w++) {
                        double expected = Math.log(probabilities.getDouble(i, w, t));
                        assertThat((double) step.logProbs()[i][w]).as("row %d step %d word %d", i, t, w)
                                .isCloseTo(expected, within(1e-4));
                    }
                }
                state = step.next();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void selectReordersAndDuplicatesRowsWithoutChangingTheSource(CellType cell) {
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(cell, 5, V, 4, 6, 0),
                TrainingHyperparameters.defaults())) {
            CaptionModel model = network.toCaptionModel(TestData.vocabulary(V));
            Random random = new Random(3);
            float[] a = TestData.randomFeature(random, 5);
            float[] b = TestData.randomFeature(random, 5);
            DecoderState two = model.step(model.initialStates(new float[][] {a, b}),
                    new int[] {Vocabulary.START_ID, Vocabulary.START_ID}).next();

            DecoderState picked = two.select(new int[] {1, 1, 0});
            assertThat(picked.size()).isEqualTo(3);
            assertThat(two.size()).isEqualTo(2);
            float[][] fromPicked = model.step(picked, new int[] {5, 5, 7}).logProbs();
            float[][] fromTwo = model.step(two, new int[] {7, 5}).logProbs();
            assertThat(fromPicked[0]).containsExactly(fromTwo[1]);
            assertThat(fromPicked[1]).containsExactly(fromTwo[1]);
            assertThat(fromPicked[2]).containsExactly(fromTwo[0]);

            // Stepping a state twice gives the same result: steps never mutate their input state.
            assertThat(model.step(two, new int[] {7, 5}).logProbs()[0]).containsExactly(fromTwo[0]);
            assertThatThrownBy(() -> two.select(new int[] {2})).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void initialStateEqualsOneRowOfInitialStates() {
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.LSTM, 5, V, 4, 6, 0),
                TrainingHyperparameters.defaults())) {
            CaptionModel model = network.toCaptionModel(TestData.vocabulary(V));
            Random random = new Random(5);
            float[] a = TestData.randomFeature(random, 5);
            float[] b = TestData.randomFeature(random, 5);
            float[] single = model.step(model.initialState(b), new int[] {Vocabulary.START_ID}).logProbs()[0];
            float[] batched = model.step(model.initialStates(new float[][] {a, b}),
                    new int[] {Vocabulary.START_ID, Vocabulary.START_ID}).logProbs()[1];
            assertThat(single).containsExactly(batched);
            assertThat(model.featureDim()).isEqualTo(5);
            assertThat(model.vocabulary().size()).isEqualTo(V);
        }
    }

    @Test
    void logSoftmaxIsStableForHugeLogitsAndNormalised() {
        float[] x = {1000f, 999f, -1000f, 0f};
        RecurrentCaptionModel.logSoftmaxInPlace(x);
        double total = 0;
        for (float v : x) {
            assertThat(Float.isFinite(v)).isTrue();
            total += Math.exp(v);
        }
        assertThat(total).isCloseTo(1.0, within(1e-6));
        assertThat((double) x[0]).isCloseTo(-Math.log1p(Math.exp(-1)), within(1e-6));
    }

    @Test
    void rejectsWrongFeatureSizeTokensAndForeignStates() {
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.RNN, 5, V, 4, 6, 0),
                TrainingHyperparameters.defaults())) {
            CaptionModel model = network.toCaptionModel(TestData.vocabulary(V));
            assertThatThrownBy(() -> model.initialState(new float[4]))
                    .hasMessageContaining("has 4 values").hasMessageContaining("trained on 5");
            DecoderState state = model.initialState(new float[5]);
            assertThatThrownBy(() -> model.step(state, new int[] {V})).hasMessageContaining("token " + V);
            assertThatThrownBy(() -> model.step(state, new int[] {1, 1})).hasMessageContaining("2 tokens");
            DecoderState foreign = new DecoderState() {
                @Override
                public int size() {
                    return 1;
                }

                @Override
                public DecoderState select(int[] rows) {
                    return this;
                }
            };
            assertThatThrownBy(() -> model.step(foreign, new int[] {1})).hasMessageContaining("not made by this model");
            assertThatThrownBy(() -> network.toCaptionModel(TestData.vocabulary(V + 1)))
                    .hasMessageContaining("24 tokens").hasMessageContaining("23");
        }
    }
}
