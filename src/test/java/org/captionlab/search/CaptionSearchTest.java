package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.captionlab.search.FakeCaptionModel.FEATURE;
import static org.captionlab.search.SearchAssertions.assertNoMarkers;
import static org.captionlab.search.SearchAssertions.assertProbabilitiesConsistent;
import static org.captionlab.search.SearchAssertions.assertSameCaption;

import java.util.List;
import java.util.Random;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;

/** Greedy decoding, batched greedy decoding and {@link CaptionSearch#logProbOf}. */
class CaptionSearchTest {

    private static final Vocabulary ABC = FakeCaptionModel.vocabulary("a", "b", "c");

    /** "" → a .5; "a" → b .6; "a b" → end .8: greedy is "a b" with probability .24. */
    private static FakeCaptionModel abModel() {
        return new FakeCaptionModel(ABC, new FakeCaptionModel.Table(ABC, "<end>", .5)
                .on("", "a", .5, "b", .3, "<end>", .05)
                .on("a", "b", .6, "<end>", .3)
                .on("a b", "<end>", .8));
    }

    private static Caption greedy(FakeCaptionModel model, int maxLength) {
        List<Caption> out = CaptionSearch.decode(model, FEATURE, DecodeOptions.greedy().withMaxLength(maxLength));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void greedyTakesTheMostLikelyWordAndFeedsItBack() {
        FakeCaptionModel model = abModel();
        Caption c = greedy(model, 20);

        assertThat(c.words()).containsExactly("a", "b");
        assertThat(c.tokenProbs()).containsExactly(new double[]{.5, .6}, within(1e-6));
        assertThat(c.endProb()).isCloseTo(.8, within(1e-6));
        assertThat(c.finished()).isTrue();
        assertThat(c.logProb()).isCloseTo(Math.log(.24), within(1e-6));
        assertThat(c.score()).isEqualTo(c.logProb());
        assertProbabilitiesConsistent(c);
        assertThat(model.batches()).containsExactly(List.of(""), List.of("a"), List.of("a b"));
    }

    @Test
    void greedyNeverEmitsUnknownOrStartAndReportsTheModelProbability() {
        FakeCaptionModel model = new FakeCaptionModel(ABC, new FakeCaptionModel.Table(ABC, "<end>", .9)
                .on("", "<unk>", .6, "b", .3, "<end>", .02, "c", .02, "a", .02)
                .on("b", "<start>", .7, "c", .2, "<end>", .05));

        Caption c = greedy(model, 20);

        assertThat(c.words()).containsExactly("b", "c");
        // .3 and .2 are the model's probabilities, not renormalised over the allowed words.
        assertThat(c.tokenProbs()).containsExactly(new double[]{.3, .2}, within(1e-6));
        assertNoMarkers(c);
    }

    @Test
    void captionStillOpenAtMaxLengthIsClosedWithoutEnd() {
        // <end> has probability 0 everywhere: the model never ends.
        FakeCaptionModel model = new FakeCaptionModel(ABC, new FakeCaptionModel.Table(ABC, "a", .9, "<end>", 0.0));

        Caption c = greedy(model, 3);

        assertThat(c.words()).containsExactly("a", "a", "a");
        assertThat(c.finished()).isFalse();
        assertThat(c.endProb()).isZero();
        assertThat(c.logProb()).isCloseTo(3 * Math.log(.9), within(1e-6));
        assertProbabilitiesConsistent(c);
        // Positions 0..2 choose words; position 3 gives <end> its last chance.
        assertThat(model.stepCalls()).isEqualTo(4);
    }

    @Test
    void captionOfExactlyMaxLengthWordsCanStillFinish() {
        Caption c = greedy(abModel(), 2);

        assertThat(c.words()).containsExactly("a", "b");
        assertThat(c.finished()).isTrue();
    }

    @Test
    void captionCutOneWordShortOfItsEndIsClosed() {
        Caption c = greedy(abModel(), 1);

        // After "a" the model prefers "b" (.6) to <end> (.3), so "a" is cut, not finished.
        assertThat(c.words()).containsExactly("a");
        assertThat(c.finished()).isFalse();
        assertThat(c.logProb()).isCloseTo(Math.log(.5), within(1e-6));
    }

    @Test
    void greedyBatchEqualsGreedyPerImageInOneStepPerPosition() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "d", "e", "f");
        FakeCaptionModel.Distribution dist = FakeCaptionModel.random(vocab.size(), 7, 1.5, 0.6);
        Random random = new Random(3);
        float[][] features = new float[9][];
        for (int i = 0; i < features.length; i++) {
            features[i] = new float[]{random.nextInt(5), random.nextInt(5)};
        }
        int maxLength = 6;

        FakeCaptionModel batchModel = new FakeCaptionModel(vocab, dist);
        List<Caption> batch = CaptionSearch.greedyBatch(batchModel, features, maxLength);

        assertThat(batch).hasSize(features.length);
        for (int i = 0; i < features.length; i++) {
            List<Caption> single = CaptionSearch.decode(new FakeCaptionModel(vocab, dist), features[i],
                    DecodeOptions.greedy().withMaxLength(maxLength));
            assertSameCaption(batch.get(i), single.get(0));
        }
        // Row i is stepped at position t exactly while its caption is open, i.e. has >= t words.
        assertThat(batchModel.stepCalls()).isLessThanOrEqualTo(maxLength + 1);
        for (int t = 0; t < batchModel.stepCalls(); t++) {
            int position = t;
            long open = batch.stream().filter(c -> c.words().size() >= position).count();
            assertThat(batchModel.batches().get(t)).as("batch at position %d", t).hasSize((int) open);
        }
        assertThat(batch.stream().map(c -> c.words().size()).distinct().count())
                .as("captions of different lengths, so rows really left the batch").isGreaterThan(1);
    }

    @Test
    void greedyBatchOfNothingIsEmpty() {
        assertThat(CaptionSearch.greedyBatch(abModel(), new float[0][], 5)).isEmpty();
    }

    @Test
    void featureOfWrongSizeIsRejectedWithItsSize() {
        assertThatThrownBy(() -> CaptionSearch.decode(abModel(), new float[3], DecodeOptions.greedy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image feature has 3 values but the model expects 2");
        assertThatThrownBy(() -> CaptionSearch.greedyBatch(abModel(), new float[][]{FEATURE, new float[5]}, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image feature 1 has 5 values but the model expects 2");
        assertThatThrownBy(() -> CaptionSearch.greedyBatch(abModel(), new float[][]{FEATURE}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max length must be >= 1, was 0");
    }

    @Test
    void logProbOfScoresWordsAndEnd() {
        FakeCaptionModel model = abModel();
        int a = ABC.indexOf("a");
        int b = ABC.indexOf("b");

        assertThat(CaptionSearch.logProbOf(model, FEATURE, new int[]{a, b})).isCloseTo(Math.log(.5 * .6 * .8), within(1e-6));
        assertThat(CaptionSearch.logProbOf(model, FEATURE, new int[0])).isCloseTo(Math.log(.05), within(1e-6));
        // Not the greedy path: "b" (.3) then <end> by the default rule (.5).
        assertThat(CaptionSearch.logProbOf(model, FEATURE, new int[]{b})).isCloseTo(Math.log(.3 * .5), within(1e-6));
        // <unk> is scored, not masked: "" gives it (1 - .85) / 3 = .05, then the default <end> .5.
        assertThat(CaptionSearch.logProbOf(model, FEATURE, new int[]{Vocabulary.UNK_ID}))
                .isCloseTo(Math.log(.05 * .5), within(1e-6));
    }

    @Test
    void logProbOfEqualsTheLogProbOfDecodedCaptions() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "d");
        for (long seed = 0; seed < 10; seed++) {
            FakeCaptionModel model = new FakeCaptionModel(vocab, FakeCaptionModel.random(vocab.size(), seed, 1.2, 1));
            for (Caption c : CaptionSearch.decode(model, FEATURE, DecodeOptions.beam(4, 4).withMaxLength(5))) {
                if (c.finished()) {
                    int[] ids = c.words().stream().mapToInt(vocab::indexOf).toArray();
                    assertThat(CaptionSearch.logProbOf(model, FEATURE, ids)).isEqualTo(c.logProb());
                }
            }
        }
    }

    @Test
    void logProbOfRejectsMarkersAndUnknownIds() {
        FakeCaptionModel model = abModel();
        assertThatThrownBy(() -> CaptionSearch.logProbOf(model, FEATURE, new int[]{3, Vocabulary.END_ID}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word id 0 at position 1 is the marker <end>; pass the words only (<end> is scored automatically)");
        assertThatThrownBy(() -> CaptionSearch.logProbOf(model, FEATURE, new int[]{Vocabulary.START_ID}))
                .hasMessageContaining("is the marker <start>");
        assertThatThrownBy(() -> CaptionSearch.logProbOf(model, FEATURE, new int[]{6}))
                .hasMessage("word id 6 at position 0 is outside the vocabulary of 6 tokens");
    }

    @Test
    void logProbOfImpossibleCaptionIsMinusInfinity() {
        FakeCaptionModel model = new FakeCaptionModel(ABC, new FakeCaptionModel.Table(ABC, "a", .5, "<end>", .5));
        assertThat(CaptionSearch.logProbOf(model, FEATURE, new int[]{ABC.indexOf("b"), 3}))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
