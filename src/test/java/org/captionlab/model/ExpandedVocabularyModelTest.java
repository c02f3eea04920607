package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.captionlab.TestBundles;
import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words added to a trained decoder (Hendricks et al. 2016) on a tiny real RNN made by the test. */
class ExpandedVocabularyModelTest {

    @TempDir
    Path dir;

    private CaptionModel tiny() throws Exception {
        TestBundles.bundle(dir.resolve("m"), "test-encoder", "0".repeat(64), 6, 11L);
        return ModelBundle.load(dir.resolve("m")).model();
    }

    private static final List<ExpandedVocabularyModel.AddedWord> WORDS = List.of(
            new ExpandedVocabularyModel.AddedWord("parrot", "bird", 0.0, "parrot < bird"),
            new ExpandedVocabularyModel.AddedWord("puppy", "dog", -1.0, "puppy < dog"));

    @Test
    void maskedNewWordsLeaveEveryOldProbabilityUnchanged() throws Exception {
        CaptionModel base = tiny();
        ExpandedVocabularyModel expanded = ExpandedVocabularyModel.of(base, WORDS);
        int v = base.vocabulary().size();
        assertThat(expanded.vocabulary().size()).isEqualTo(v + 2);
        assertThat(expanded.vocabulary().indexOf("parrot")).isEqualTo(v);
        for (int i = 0; i < v; i++) {
            assertThat(expanded.vocabulary().token(i)).isEqualTo(base.vocabulary().token(i));
        }
        Random r = new Random(3);
        float[] feature = randomFeature(r);
        int[] caption = base.vocabulary().encode("a bird sits on a branch");
        DecoderState sb = base.initialState(feature);
        DecoderState se = expanded.initialState(feature);
        int previous = Vocabulary.START_ID;
        for (int t = 0; t <= caption.length; t++) {
            CaptionModel.Step a = base.step(sb, new int[]{previous});
            CaptionModel.Step b = expanded.step(se, new int[]{previous});
            for (int j = 0; j < v; j++) {
                assertThat(b.logProbs()[0][j]).isEqualTo(a.logProbs()[0][j]);
            }
            assertThat(b.logProbs()[0][v]).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(b.logProbs()[0][v + 1]).isEqualTo(Float.NEGATIVE_INFINITY);
            sb = a.next();
            se = b.next();
            previous = t < caption.length ? caption[t] : Vocabulary.END_ID;
        }
    }

    @Test
    void anAllowedWordCompetesWithItsSourceAndTheDistributionStillSumsToOne() throws Exception {
        CaptionModel base = tiny();
        ExpandedVocabularyModel allowed = ExpandedVocabularyModel.of(base, WORDS).allowing(Set.of("parrot", "puppy"));
        int v = base.vocabulary().size();
        int bird = base.vocabulary().indexOf("bird");
        int dog = base.vocabulary().indexOf("dog");
        float[] feature = randomFeature(new Random(5));
        float[] a = base.step(base.initialState(feature), new int[]{Vocabulary.START_ID}).logProbs()[0];
        float[] b = allowed.step(allowed.initialState(feature), new int[]{Vocabulary.START_ID}).logProbs()[0];
        double sum = 0;
        for (float lp : b) {
            sum += Math.exp(lp);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        // bias 0: the same probability as "bird"; bias -1: e^-1 of "dog"'s.
        assertThat((double) b[v]).isCloseTo(b[bird], within(1e-5));
        assertThat((double) b[v + 1]).isCloseTo(b[dog] - 1.0, within(1e-5));
        // Old words keep their ratios.
        assertThat((double) b[bird] - b[dog]).isCloseTo(a[bird] - a[dog], within(1e-5));
    }

    @Test
    void aNewWordFedBackActsAsItsSource() throws Exception {
        CaptionModel base = tiny();
        ExpandedVocabularyModel allowed = ExpandedVocabularyModel.of(base, WORDS).allowing(Set.of("parrot"));
        int parrot = allowed.vocabulary().indexOf("parrot");
        int bird = base.vocabulary().indexOf("bird");
        float[] feature = randomFeature(new Random(9));
        DecoderState s0 = allowed.step(allowed.initialState(feature), new int[]{Vocabulary.START_ID}).next();
        float[] afterParrot = allowed.step(s0, new int[]{parrot}).logProbs()[0];
        float[] afterBird = allowed.step(s0, new int[]{bird}).logProbs()[0];
        assertThat(afterParrot).containsExactly(afterBird);
        assertThat(allowed.allowing(Set.of()).step(s0, new int[]{parrot}).logProbs()[0][parrot])
                .isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsWordsItCannotAdd() throws Exception {
        CaptionModel base = tiny();
        assertThatThrownBy(() -> ExpandedVocabularyModel.of(base,
                List.of(new ExpandedVocabularyModel.AddedWord("dog", "bird", 0, ""))))
                .hasMessageContaining("already in the vocabulary");
        assertThatThrownBy(() -> ExpandedVocabularyModel.of(base,
                List.of(new ExpandedVocabularyModel.AddedWord("owl", "eagle", 0, ""))))
                .hasMessageContaining("not a word of the vocabulary");
    }

    private static float[] randomFeature(Random r) {
        float[] f = new float[6];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextFloat() * 2 - 1;
        }
        return f;
    }
}
