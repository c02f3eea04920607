package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.captionlab.search.FakeCaptionModel.FEATURE;
import static org.captionlab.search.SearchAssertions.assertNoMarkers;
import static org.captionlab.search.SearchAssertions.assertNoRepeatedNgram;
import static org.captionlab.search.SearchAssertions.assertProbabilitiesConsistent;
import static org.captionlab.search.SearchAssertions.assertSameCaption;

import java.util.HashSet;
import java.util.List;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;

/** Beam search through {@link CaptionSearch#decode} on fake models with hand-computed answers. */
class BeamSearchTest {

    private static List<Caption> beam(FakeCaptionModel model, int width, int alternatives, int maxLength, double alpha) {
        return CaptionSearch.decode(model, FEATURE,
                DecodeOptions.beam(width, alternatives).withMaxLength(maxLength).withLengthAlpha(alpha));
    }

    private static List<List<String>> words(List<Caption> captions) {
        return captions.stream().map(Caption::words).toList();
    }

    /** the → dog → the → dog ...: greedy loops unless 2-grams are blocked. */
    static FakeCaptionModel loopModel() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("the", "dog", "runs");
        return new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "<end>", .9)
                .on("", "the", .6, "dog", .2, "<end>", .05)
                .afterWord("the", "dog", .7, "runs", .1, "<end>", .05)
                .afterWord("dog", "the", .6, "runs", .2, "<end>", .1)
                .afterWord("runs", "<end>", .9));
    }

    @Test
    void widthOneEqualsGreedyOnSeveralModels() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "d", "e", "f", "g", "h");
        for (long seed = 0; seed < 25; seed++) {
            FakeCaptionModel.Distribution dist = FakeCaptionModel.random(vocab.size(), seed, 1.5, seed % 5 * 0.4);
            for (int block : new int[]{0, 2}) {
                DecodeOptions greedy = DecodeOptions.greedy().withMaxLength(7).withBlockRepeatNgram(block);
                DecodeOptions beam = DecodeOptions.beam(1, 1).withMaxLength(7).withBlockRepeatNgram(block);
                Caption g = CaptionSearch.decode(new FakeCaptionModel(vocab, dist), FEATURE, greedy).get(0);
                List<Caption> b = CaptionSearch.decode(new FakeCaptionModel(vocab, dist), FEATURE, beam);
                assertThat(b).hasSize(1);
                assertSameCaption(b.get(0), g);
            }
        }
        for (int maxLength : new int[]{3, 20}) {
            for (int block : new int[]{0, 1, 2}) {
                Caption g = CaptionSearch.decode(loopModel(), FEATURE,
                        DecodeOptions.greedy().withMaxLength(maxLength).withBlockRepeatNgram(block)).get(0);
                Caption b = CaptionSearch.decode(loopModel(), FEATURE,
                        DecodeOptions.beam(1, 1).withMaxLength(maxLength).withBlockRepeatNgram(block)).get(0);
                assertSameCaption(b, g);
            }
        }
    }

    @Test
    void keepsTheGlobalTopKEvenWhenTheBestContinuationsShareAParent() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "x", "y");
        FakeCaptionModel model = new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "<end>", .1)
                .on("", "a", .5, "b", .4, "<end>", .02)
                .on("a", "x", .5, "y", .45, "<end>", .01)
                .on("b", "c", .3, "x", .3, "<end>", .01)
                .on("a y", "<end>", .99));

        List<Caption> out = beam(model, 2, 1, 20, 0);

        // Position 1 candidates: "a x" .25, "a y" .225, "b c" .12, "b x" .12. Taking the best word of
        // each beam would keep "a x" and "b c" and never find "a y <end>" (.2228).
        assertThat(model.batches().get(1)).containsExactly("a", "b");
        assertThat(model.batches().get(2)).containsExactly("a x", "a y");
        assertThat(words(out)).containsExactly(List.of("a", "y"));
        assertThat(out.get(0).logProb()).isCloseTo(Math.log(.5 * .45 * .99), within(1e-6));
        // Then every live hypothesis (best .25 × .9/7) is below the complete .2228: early stop.
        assertThat(model.stepCalls()).isEqualTo(3);
    }

    @Test
    void finishedHypothesisTakesNoLiveSlot() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "x");
        FakeCaptionModel model = new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "<end>", .9)
                .on("", "<end>", .5, "a", .3, "b", .15)
                .on("a", "<end>", .1, "x", .3)
                .on("b", "<end>", .9));

        List<Caption> out = beam(model, 2, 2, 20, 0);

        // <end> is the best first token, yet both "a" and "b" stay live (im2txt's per-beam top-2 and
        // neuraltalk2's slot-holding finished beam would keep only "a" and miss "b <end>" = .135).
        assertThat(model.batches().get(1)).containsExactly("a", "b");
        assertThat(words(out)).containsExactly(List.of(), List.of("b"));
        assertThat(out.get(0).logProb()).isCloseTo(Math.log(.5), within(1e-6));
        assertThat(out.get(1).logProb()).isCloseTo(Math.log(.15 * .9), within(1e-6));
        assertThat(model.stepCalls()).isEqualTo(2);
    }

    @Test
    void lengthNormalisationPrefersTheLongerCaptionWithAlphaOne() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "d");
        FakeCaptionModel.Distribution dist = new FakeCaptionModel.Table(vocab, "<end>", .9)
                .on("", "a", .5, "b", .3, "<end>", .01)
                .on("a", "<end>", .5)
                .on("b", "c", .9)
                .on("b c", "d", .9)
                .on("b c d", "<end>", .9);
        // "a": .5 × .5 = .25 over 2 tokens; "b c d": .3 × .9³ = .2187 over 4 tokens.
        double shortLog = Math.log(.25);
        double longLog = Math.log(.3 * .9 * .9 * .9);

        List<Caption> plain = beam(new FakeCaptionModel(vocab, dist), 3, 2, 8, 0);
        List<Caption> normalised = beam(new FakeCaptionModel(vocab, dist), 3, 2, 8, 1);

        assertThat(words(plain)).containsExactly(List.of("a"), List.of("b", "c", "d"));
        assertThat(plain.get(0).score()).isCloseTo(shortLog, within(1e-6));
        assertThat(words(normalised)).containsExactly(List.of("b", "c", "d"), List.of("a"));
        assertThat(normalised.get(0).score()).isCloseTo(longLog / 4, within(1e-6));
        assertThat(normalised.get(1).score()).isCloseTo(shortLog / 2, within(1e-6));
        assertThat(normalised.get(0).logProb()).isCloseTo(longLog, within(1e-6));
    }

    @Test
    void alternativesAreDistinctFinishedFirstAndSortedByScore() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c", "d", "e");
        for (long seed = 0; seed < 15; seed++) {
            for (double alpha : new double[]{0, 0.7}) {
                FakeCaptionModel model = new FakeCaptionModel(vocab, FakeCaptionModel.random(vocab.size(), seed, 1.0, 0.7));
                List<Caption> out = beam(model, 6, 5, 6, alpha);

                assertThat(out).hasSize(5);
                assertThat(new HashSet<>(words(out))).hasSize(5);
                int firstOpen = (int) out.stream().takeWhile(Caption::finished).count();
                assertThat(out.subList(firstOpen, out.size())).noneMatch(Caption::finished);
                assertSortedByScore(out.subList(0, firstOpen));
                assertSortedByScore(out.subList(firstOpen, out.size()));
                for (Caption c : out) {
                    assertProbabilitiesConsistent(c);
                    assertNoMarkers(c);
                    assertThat(c.score()).isCloseTo(c.logProb() / Math.pow(c.words().size() + (c.finished() ? 1 : 0), alpha),
                            within(1e-12));
                }
                // One batched step per position, never more rows than the beam is wide.
                assertThat(model.stepCalls()).isLessThanOrEqualTo(7);
                for (List<String> batch : model.batches()) {
                    assertThat(batch).hasSizeLessThanOrEqualTo(6).doesNotHaveDuplicates();
                }
            }
        }
    }

    private static void assertSortedByScore(List<Caption> captions) {
        for (int i = 1; i < captions.size(); i++) {
            assertThat(captions.get(i).score()).isLessThanOrEqualTo(captions.get(i - 1).score());
        }
    }

    @Test
    void repeatedNgramBlockingBreaksTheLoop() {
        Caption looping = CaptionSearch.decode(loopModel(), FEATURE, DecodeOptions.greedy().withMaxLength(8)).get(0);
        assertThat(looping.text()).isEqualTo("the dog the dog the dog the dog");
        assertThat(looping.finished()).isFalse();

        // "the dog the" + "dog" would repeat "the dog": the next best after "the" is "runs" (.1 > <end> .05).
        Caption bigrams = CaptionSearch.decode(loopModel(), FEATURE,
                DecodeOptions.greedy().withMaxLength(8).withBlockRepeatNgram(2)).get(0);
        assertThat(bigrams.text()).isEqualTo("the dog the runs");
        assertThat(bigrams.finished()).isTrue();
        assertThat(bigrams.tokenProbs()).containsExactly(new double[]{.6, .7, .6, .1}, within(1e-6));

        Caption unigrams = CaptionSearch.decode(loopModel(), FEATURE,
                DecodeOptions.greedy().withMaxLength(8).withBlockRepeatNgram(1)).get(0);
        assertThat(unigrams.text()).isEqualTo("the dog runs");

        List<Caption> beam = CaptionSearch.decode(loopModel(), FEATURE,
                DecodeOptions.beam(4, 4).withMaxLength(12).withBlockRepeatNgram(2));
        assertThat(beam).hasSize(4);
        beam.forEach(c -> assertNoRepeatedNgram(c, 2));
    }

    @Test
    void modelThatNeverEndsGivesClosedCaptionsOfMaxLength() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b", "c");
        FakeCaptionModel model = new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "a", .5, "b", .3, "<end>", 0.0));

        List<Caption> out = beam(model, 3, 3, 4, 0);

        assertThat(out).hasSize(3).noneMatch(Caption::finished);
        assertThat(out).allSatisfy(c -> {
            assertThat(c.words()).hasSize(4);
            assertThat(c.endProb()).isZero();
            assertProbabilitiesConsistent(c);
        });
        assertThat(out.get(0).text()).isEqualTo("a a a a");
        assertSortedByScore(out);
    }

    @Test
    void missingAlternativesAreFilledWithClosedCaptionsAfterTheFinishedOnes() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a", "b");
        // Only "b" can end; elsewhere <end> has probability 0 and a, b, <start>, <unk> get .25 each.
        FakeCaptionModel model = new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "<end>", 0.0)
                .on("", "a", .9, "b", .1, "<end>", 0.0, "<start>", 0.0, "<unk>", 0.0)
                .on("b", "<end>", .5, "a", .5));

        List<Caption> out = beam(model, 3, 3, 3, 0);

        assertThat(out).hasSize(3);
        assertThat(out.get(0).text()).isEqualTo("b");
        assertThat(out.get(0).finished()).isTrue();
        assertThat(out.get(0).logProb()).isCloseTo(Math.log(.05), within(1e-6));
        // The closed ones score higher (.9 × .25 × .25 = .056 > .05, no end factor) but a finished
        // caption ranks first.
        assertThat(out.subList(1, 3)).allSatisfy(c -> {
            assertThat(c.finished()).isFalse();
            assertThat(c.words()).hasSize(3);
            assertThat(c.score()).isGreaterThan(out.get(0).score());
        });
        assertThat(words(out).subList(1, 3)).containsExactly(List.of("a", "a", "a"), List.of("a", "a", "b"));
    }

    @Test
    void modelThatCanOnlyEndGivesTheEmptyCaption() {
        Vocabulary vocab = FakeCaptionModel.vocabulary("a");
        FakeCaptionModel model = new FakeCaptionModel(vocab, new FakeCaptionModel.Table(vocab, "<end>", .4, "a", 0.0));

        List<Caption> out = beam(model, 3, 2, 5, 0);

        // Only one caption is possible: fewer than asked, none invented.
        assertThat(out).hasSize(1);
        assertThat(out.get(0).words()).isEmpty();
        assertThat(out.get(0).endProb()).isCloseTo(.4, within(1e-6));
    }
}
