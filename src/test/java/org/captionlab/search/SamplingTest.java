package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.captionlab.search.FakeCaptionModel.FEATURE;
import static org.captionlab.search.SearchAssertions.assertNoMarkers;
import static org.captionlab.search.SearchAssertions.assertNoRepeatedNgram;
import static org.captionlab.search.SearchAssertions.assertProbabilitiesConsistent;
import static org.captionlab.search.SearchAssertions.assertSameCaption;
import static org.captionlab.search.SearchAssertions.assertSameCaptions;

import java.util.HashSet;
import java.util.List;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;

/** Sampling through {@link CaptionSearch#decode}. */
class SamplingTest {

    private static final Vocabulary VOCAB = FakeCaptionModel.vocabulary("a", "b", "c", "d", "e", "f");

    /** A flat random model: many captions are likely. */
    private static FakeCaptionModel spreadModel() {
        return new FakeCaptionModel(VOCAB, FakeCaptionModel.random(VOCAB.size(), 11, 0.6, 0.5));
    }

    private static List<Caption> sample(FakeCaptionModel model, double temperature, long seed, int n, int maxLength) {
        return CaptionSearch.decode(model, FEATURE, DecodeOptions.sample(temperature, seed, n).withMaxLength(maxLength));
    }

    @Test
    void sameSeedGivesSameSamplesAndOtherSeedsDiffer() {
        List<Caption> first = sample(spreadModel(), 1.0, 42, 6, 10);
        List<Caption> again = sample(spreadModel(), 1.0, 42, 6, 10);
        List<Caption> other = sample(spreadModel(), 1.0, 43, 6, 10);

        assertSameCaptions(again, first);
        assertThat(other.stream().map(Caption::words).toList()).isNotEqualTo(first.stream().map(Caption::words).toList());
        assertThat(new HashSet<>(first.stream().map(Caption::words).toList())).as("samples of one seed differ").hasSizeGreaterThan(1);
    }

    @Test
    void sampleDependsOnlyOnSeedAndIndex() {
        List<Caption> six = sample(spreadModel(), 1.0, 7, 6, 10);
        List<Caption> one = sample(spreadModel(), 1.0, 7, 1, 10);
        List<Caption> four = sample(spreadModel(), 1.0, 7, 4, 10);

        assertSameCaption(one.get(0), six.get(0));
        assertSameCaptions(four, six.subList(0, 4));
    }

    @Test
    void samplesAreBatchedOneStepPerPosition() {
        FakeCaptionModel model = spreadModel();
        List<Caption> out = sample(model, 1.0, 5, 8, 10);

        assertThat(model.batches().get(0)).hasSize(8);
        assertThat(model.stepCalls()).isEqualTo(out.stream().mapToInt(c -> c.words().size()).max().orElseThrow() + 1);
    }

    @Test
    void lowTemperatureApproachesGreedy() {
        FakeCaptionModel.Table table = new FakeCaptionModel.Table(VOCAB, "<end>", .5)
                .on("", "a", .5, "b", .3, "<end>", .05)
                .on("a", "b", .6, "<end>", .3)
                .on("a b", "<end>", .8);
        Caption greedy = CaptionSearch.decode(new FakeCaptionModel(VOCAB, table), FEATURE, DecodeOptions.greedy()).get(0);

        List<Caption> cold = sample(new FakeCaptionModel(VOCAB, table), 0.05, 1, 30, 20);

        assertThat(cold).hasSize(30).allSatisfy(c -> assertSameCaption(c, greedy));
    }

    @Test
    void highTemperatureSpreadsTheSamples() {
        // A peaked model: at temperature 1 a few captions dominate.
        FakeCaptionModel.Distribution peaked = FakeCaptionModel.random(VOCAB.size(), 6, 2.5, 1.0);
        List<Caption> cold = sample(new FakeCaptionModel(VOCAB, peaked), 0.05, 3, 40, 6);
        List<Caption> warm = sample(new FakeCaptionModel(VOCAB, peaked), 1.0, 3, 40, 6);
        List<Caption> hot = sample(new FakeCaptionModel(VOCAB, peaked), 5.0, 3, 40, 6);

        int distinctCold = new HashSet<>(cold.stream().map(Caption::words).toList()).size();
        int distinctWarm = new HashSet<>(warm.stream().map(Caption::words).toList()).size();
        int distinctHot = new HashSet<>(hot.stream().map(Caption::words).toList()).size();
        // Measured 1, 15 and 32 distinct captions of 40.
        assertThat(distinctCold).isLessThanOrEqualTo(2);
        assertThat(distinctWarm).isBetween(distinctCold + 5, distinctHot - 5);
        assertThat(distinctHot).isGreaterThanOrEqualTo(28);
        // Hotter samples are less likely under the model on average.
        assertThat(hot.stream().mapToDouble(Caption::logProb).average().orElseThrow())
                .isLessThan(warm.stream().mapToDouble(Caption::logProb).average().orElseThrow());
    }

    @Test
    void firstWordFrequenciesFollowTheModelWithMarkersMaskedOut() {
        // First word: a .5, b .3, <end> .05, and .15 spread over <start>, <unk>, c, d, e, f (.025 each).
        // Masking <start> and <unk> leaves mass .95, so a is drawn with probability .5 / .95.
        FakeCaptionModel model = new FakeCaptionModel(VOCAB, new FakeCaptionModel.Table(VOCAB, "<end>", 1.0)
                .on("", "a", .5, "b", .3, "<end>", .05));
        List<Caption> draws = sample(model, 1.0, 99, 4000, 1);

        long a = draws.stream().filter(c -> c.text().equals("a")).count();
        long empty = draws.stream().filter(c -> c.words().isEmpty()).count();
        // Standard deviations ≈ .008 and .0035: tolerances of about 4 of them.
        assertThat(a / 4000.0).isCloseTo(.5 / .95, within(.03));
        assertThat(empty / 4000.0).isCloseTo(.05 / .95, within(.015));
        draws.forEach(SearchAssertions::assertNoMarkers);
    }

    @Test
    void reportsTheModelLogProbNotTheTemperedOne() {
        FakeCaptionModel model = spreadModel();
        for (Caption c : sample(model, 2.5, 8, 20, 10)) {
            assertProbabilitiesConsistent(c);
            assertThat(c.score()).isEqualTo(c.logProb());
            if (c.finished()) {
                int[] ids = c.words().stream().mapToInt(VOCAB::indexOf).toArray();
                assertThat(CaptionSearch.logProbOf(model, FEATURE, ids)).isEqualTo(c.logProb());
            }
        }
    }

    @Test
    void honoursMaxLengthBlockingAndMasking() {
        // <unk> gets a large share everywhere: it must still never be drawn.
        FakeCaptionModel unkHeavy = new FakeCaptionModel(VOCAB, new FakeCaptionModel.Table(VOCAB, "<unk>", .7, "<end>", .02));
        List<Caption> out = sample(unkHeavy, 1.0, 5, 20, 5);
        assertThat(out).allSatisfy(c -> {
            assertNoMarkers(c);
            assertThat(c.words()).hasSizeLessThanOrEqualTo(5);
            if (!c.finished()) {
                assertThat(c.words()).hasSize(5);
            }
            assertProbabilitiesConsistent(c);
        });
        assertThat(out).anyMatch(c -> !c.finished());

        List<Caption> loops = CaptionSearch.decode(BeamSearchTest.loopModel(), FEATURE,
                DecodeOptions.sample(1.0, 4, 30).withMaxLength(12).withBlockRepeatNgram(2));
        loops.forEach(c -> assertNoRepeatedNgram(c, 2));
    }

    @Test
    void sampleSeedsOfNeighbouringSeedsAndIndicesDiffer() {
        var seen = new HashSet<Long>();
        for (long seed = 0; seed < 20; seed++) {
            for (int i = 0; i < 20; i++) {
                seen.add(Sampler.sampleSeed(seed, i));
            }
        }
        assertThat(seen).hasSize(400);
    }
}
