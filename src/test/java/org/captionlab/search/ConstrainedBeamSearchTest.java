package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.captionlab.search.FakeCaptionModel.FEATURE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;

/**
 * Constrained beam search: a satisfiable constraint is always met, no constraints is plain beam
 * search exactly, width 1 still writes the word, and a wide beam finds the best caption that meets
 * the constraint (checked against exhaustive enumeration).
 */
class ConstrainedBeamSearchTest {

    private static final Vocabulary VOCAB = FakeCaptionModel.vocabulary("a", "b", "c", "d"); // ids 3..6
    private static final int A = 3;
    private static final int C = 5;
    private static final int D = 6;

    private record Scored(List<String> words, double score) {
    }

    private static Constraint words(String name, int[]... phrases) {
        return new Constraint(name, List.of(phrases));
    }

    @Test
    void withoutConstraintsItIsPlainBeamSearchExactly() {
        int checked = 0;
        for (long seed = 0; seed < 25; seed++) {
            FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), seed, 1.5, seed % 2 == 0 ? 0.2 : 1.0);
            for (int width : new int[]{1, 2, 3, 5}) {
                for (double alpha : new double[]{0, 1.0}) {
                    for (int block : new int[]{0, 2}) {
                        DecodeOptions o = DecodeOptions.beam(width, Math.min(width, 3)).withMaxLength(6)
                                .withLengthAlpha(alpha).withBlockRepeatNgram(block);
                        List<Caption> plain = BeamSearch.search(new FakeCaptionModel(VOCAB, dist), FEATURE, o);
                        ConstrainedCaptions c = ConstrainedBeamSearch.search(new FakeCaptionModel(VOCAB, dist), FEATURE, o, List.of());
                        assertThat(c.fellBack()).isFalse();
                        assertThat(describe(c.captions())).as("seed %d width %d alpha %s block %d", seed, width, alpha, block)
                                .isEqualTo(describe(plain));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(400);
    }

    @Test
    void aSatisfiableConstraintIsAlwaysMet() {
        for (long seed = 0; seed < 40; seed++) {
            // <end> is likely, so a plain search usually stops before saying the rare word.
            FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), seed, 2.0, 3.0);
            for (int width : new int[]{1, 2, 4}) {
                for (int block : new int[]{0, 2}) {
                    DecodeOptions o = DecodeOptions.beam(width, Math.min(width, 2)).withMaxLength(5)
                            .withLengthAlpha(1.0).withBlockRepeatNgram(block);
                    Constraint one = words("d", new int[]{D});
                    Constraint phrase = words("c a", new int[]{C, A});
                    for (List<Constraint> cs : List.of(List.of(one), List.of(phrase), List.of(one, phrase))) {
                        ConstrainedCaptions r = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o, cs);
                        String context = "seed " + seed + " width " + width + " block " + block + " " + cs.size();
                        assertThat(r.fellBack()).as(context).isFalse();
                        assertThat(r.met()).as(context).isEqualTo(cs);
                        assertThat(r.captions()).as(context).isNotEmpty().allSatisfy(cap -> {
                            int[] ids = ids(cap);
                            cs.forEach(k -> assertThat(k.satisfiedBy(ids)).as(context + " " + cap.text()).isTrue());
                        });
                        List<List<String>> texts = r.captions().stream().map(Caption::words).toList();
                        assertThat(texts).as(context).doesNotHaveDuplicates();
                        assertThat(r.captions()).as(context)
                                .isSortedAccordingTo(Comparator.comparing(Caption::finished).reversed()
                                        .thenComparing(Comparator.comparingDouble(Caption::score).reversed()));
                    }
                }
            }
        }
    }

    @Test
    void beamWidthOneStillWritesTheWord() {
        // The model strongly prefers "a b <end>"; "d" is nearly impossible everywhere.
        FakeCaptionModel.Distribution dist = (prefix, feature) -> {
            double[] p = new double[VOCAB.size()];
            Arrays.fill(p, 0.01);
            p[Vocabulary.START_ID] = 0;
            p[D] = 0.001;
            p[prefix.length == 0 ? A : prefix.length == 1 ? A + 1 : Vocabulary.END_ID] = 1;
            double sum = Arrays.stream(p).sum();
            return Arrays.stream(p).map(x -> x / sum).toArray();
        };
        ConstrainedCaptions plain = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE,
                DecodeOptions.greedy().withMaxLength(5), List.of());
        assertThat(plain.captions().get(0).text()).isEqualTo("a b");
        for (DecodeOptions o : List.of(DecodeOptions.greedy().withMaxLength(5), DecodeOptions.beam(1, 1).withMaxLength(5))) {
            ConstrainedCaptions guided = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o,
                    List.of(words("d", new int[]{D})));
            assertThat(guided.fellBack()).isFalse();
            assertThat(guided.captions()).hasSize(1);
            assertThat(guided.captions().get(0).words()).contains("d");
            assertThat(guided.captions().get(0).finished()).isTrue();
        }
    }

    @Test
    void wideBeamFindsTheBestCaptionThatMeetsTheConstraint() {
        int maxLength = 4;
        for (long seed = 0; seed < 15; seed++) {
            FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), seed, 1.5, 1.0);
            for (double alpha : new double[]{0, 0.8}) {
                Constraint k = words("d or c a", new int[]{D}, new int[]{C, A});
                List<Scored> all = new ArrayList<>();
                enumerate(dist, new ArrayList<>(), 0, alpha, maxLength, all);
                List<Scored> expected = all.stream()
                        .filter(s -> k.satisfiedBy(s.words().stream().mapToInt(VOCAB::indexOf).toArray()))
                        .sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(3).toList();
                DecodeOptions o = DecodeOptions.beam(400, 3).withMaxLength(maxLength).withLengthAlpha(alpha);
                ConstrainedCaptions r = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o, List.of(k));
                assertThat(r.captions().stream().map(c -> new Scored(c.words(), c.score())).toList())
                        .as("seed %d alpha %s", seed, alpha).isEqualTo(expected);
            }
        }
    }

    @Test
    void anUnsatisfiableConstraintFallsBackToThePlainSearchAndSaysSo() {
        FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), 7, 1.5, 1.0);
        DecodeOptions o = DecodeOptions.beam(3, 2).withMaxLength(2).withLengthAlpha(1.0);
        Constraint tooLong = words("a b c", new int[]{A, A + 1, C});
        ConstrainedCaptions r = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o, List.of(tooLong));
        assertThat(r.fellBack()).isTrue();
        assertThat(r.met()).isEmpty();
        assertThat(describe(r.captions())).isEqualTo(describe(CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o)));
    }

    @Test
    void whenOnlySomeConstraintsCanBeMetItSaysWhich() {
        FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), 3, 1.5, 1.0);
        DecodeOptions o = DecodeOptions.beam(3, 2).withMaxLength(2);
        Constraint d = words("d", new int[]{D});
        Constraint tooLong = words("a b c", new int[]{A, A + 1, C});
        ConstrainedCaptions r = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, o, List.of(tooLong, d));
        assertThat(r.fellBack()).isFalse();
        assertThat(r.met()).containsExactly(d);
        assertThat(r.captions()).allSatisfy(c -> assertThat(c.words()).contains("d"));
    }

    @Test
    void constraintsAreBuiltFromTheVocabularyAndRejectedForSampling() {
        Constraint k = Constraint.of("label", List.of("d", "c a", "zebra", "a zebra"), VOCAB);
        assertThat(k.phrases()).hasSize(2);
        assertThat(Constraint.of("label", List.of("zebra"), VOCAB)).isNull();
        FakeCaptionModel model = new FakeCaptionModel(VOCAB, FakeCaptionModel.random(VOCAB.size(), 1, 1, 1));
        assertThatThrownBy(() -> CaptionSearch.decode(model, FEATURE, DecodeOptions.sample(1.0, 1, 1), List.of(k)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not to sampling");
    }

    private static int[] ids(Caption c) {
        return c.words().stream().mapToInt(VOCAB::indexOf).toArray();
    }

    private static List<String> describe(List<Caption> captions) {
        return captions.stream().map(c -> c.text() + " " + c.logProb() + " " + c.score() + " " + Arrays.toString(c.tokenProbs())
                + " " + c.endProb()).toList();
    }

    /** Every finished caption of at most {@code maxLength} words (no blocking). */
    private static void enumerate(FakeCaptionModel.Distribution dist, List<Integer> prefix, double logProb, double alpha,
                                  int maxLength, List<Scored> out) {
        double[] p = dist.probabilities(prefix.stream().mapToInt(Integer::intValue).toArray(), FEATURE);
        double total = logProb + (float) Math.log(p[Vocabulary.END_ID]);
        out.add(new Scored(prefix.stream().map(VOCAB::token).toList(),
                alpha == 0 ? total : total / Math.pow(prefix.size() + 1, alpha)));
        if (prefix.size() == maxLength) {
            return;
        }
        for (int w = 3; w < VOCAB.size(); w++) {
            prefix.add(w);
            enumerate(dist, prefix, logProb + (float) Math.log(p[w]), alpha, maxLength, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
