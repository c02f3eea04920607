package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.captionlab.search.FakeCaptionModel.FEATURE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;

/**
 * Property: on random small models, a beam wide enough to hold every candidate finds exactly the
 * best captions that exhaustive enumeration finds (same words, same scores), with and without
 * length normalisation and n-gram blocking. This checks the selection, the bookkeeping of finished
 * hypotheses and the soundness of the early-stopping bound together.
 */
class BeamSearchExhaustiveTest {

    private static final Vocabulary VOCAB = FakeCaptionModel.vocabulary("a", "b", "c"); // 6 tokens
    private static final int MAX_LENGTH = 4;
    /** At least every candidate of the widest position: 3^4 prefixes × 3 words = 243. */
    private static final int WIDTH = 400;
    private static final int ALTERNATIVES = 3;

    private record Scored(List<String> words, double score) {
    }

    @Test
    void wideBeamFindsTheExhaustiveBest() {
        int checked = 0;
        for (long seed = 0; seed < 20; seed++) {
            for (double endBias : new double[]{0.15, 1.0}) {
                FakeCaptionModel.Distribution dist = FakeCaptionModel.random(VOCAB.size(), seed, 1.5, endBias);
                for (double alpha : new double[]{0, 0.8}) {
                    for (int block : new int[]{0, 2}) {
                        List<Scored> expected = exhaustive(dist, alpha, block).subList(0, ALTERNATIVES);
                        DecodeOptions options = DecodeOptions.beam(WIDTH, ALTERNATIVES).withMaxLength(MAX_LENGTH)
                                .withLengthAlpha(alpha).withBlockRepeatNgram(block);
                        List<Caption> beam = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE, options);

                        String context = "seed " + seed + ", end bias " + endBias + ", alpha " + alpha + ", block " + block;
                        assertThat(beam).as(context).hasSize(ALTERNATIVES).allMatch(Caption::finished);
                        assertThat(beam.stream().map(c -> new Scored(c.words(), c.score())).toList())
                                .as(context).isEqualTo(expected);

                        // A narrow beam may miss the best caption but can never report a better one.
                        Caption narrow = CaptionSearch.decode(new FakeCaptionModel(VOCAB, dist), FEATURE,
                                DecodeOptions.beam(2, 1).withMaxLength(MAX_LENGTH).withLengthAlpha(alpha)
                                        .withBlockRepeatNgram(block)).get(0);
                        if (narrow.finished()) {
                            assertThat(narrow.score()).as(context).isLessThanOrEqualTo(expected.get(0).score());
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(160);
    }

    /** Every finished caption of at most MAX_LENGTH allowed words, best score first. */
    private static List<Scored> exhaustive(FakeCaptionModel.Distribution dist, double alpha, int block) {
        List<Scored> all = new ArrayList<>();
        enumerate(dist, new ArrayList<>(), 0.0, alpha, block, all);
        all.sort(Comparator.comparingDouble(Scored::score).reversed());
        return all;
    }

    private static void enumerate(FakeCaptionModel.Distribution dist, List<Integer> prefix, double logProb,
                                  double alpha, int block, List<Scored> out) {
        double[] p = dist.probabilities(prefix.stream().mapToInt(Integer::intValue).toArray(), FEATURE);
        // The same float log-probabilities the fake model hands to the search, summed in the same order.
        double end = (float) Math.log(p[Vocabulary.END_ID]);
        double total = logProb + end;
        List<String> words = prefix.stream().map(VOCAB::token).toList();
        out.add(new Scored(words, alpha == 0 ? total : total / Math.pow(prefix.size() + 1, alpha)));
        if (prefix.size() == MAX_LENGTH) {
            return;
        }
        for (int w = 3; w < VOCAB.size(); w++) { // real words only: no <end>, <start>, <unk>
            prefix.add(w);
            if (!repeatsNgram(prefix, block)) {
                enumerate(dist, prefix, logProb + (float) Math.log(p[w]), alpha, block, out);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    /** True if the last n-gram of the sequence occurs earlier in it. */
    private static boolean repeatsNgram(List<Integer> seq, int n) {
        if (n == 0 || seq.size() < n) {
            return false;
        }
        List<Integer> last = seq.subList(seq.size() - n, seq.size());
        for (int i = 0; i + n < seq.size(); i++) {
            if (seq.subList(i, i + n).equals(last)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void repeatsNgramHelperIsRight() {
        assertThat(repeatsNgram(List.of(3, 4, 3, 4), 2)).isTrue();
        assertThat(repeatsNgram(List.of(3, 4, 4, 3), 2)).isFalse();
        assertThat(repeatsNgram(List.of(3, 4, 3), 1)).isTrue();
        assertThat(repeatsNgram(Collections.nCopies(3, 5), 0)).isFalse();
    }
}
