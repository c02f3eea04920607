package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.captionlab.encoder.ImageLabel;
import org.captionlab.model.ExpandedVocabularyModel.AddedWord;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.Caption;
import org.captionlab.text.LabelWords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which labels guide, with which words, and the words added to the shipped decoder. */
class LabelGuideTest {

    private static final LabelWords TABLE = LabelWords.standard();
    private static LabelGuide guide;

    @BeforeAll
    static void load() throws Exception {
        guide = LabelGuide.of(ModelBundle.load(Path.of("models", "default")).model(), TABLE);
    }

    private static ImageLabel label(String name, double p) {
        int index = TABLE.classesNamed(name).get(0);
        return new ImageLabel(name, p, index);
    }

    @Test
    void labelsNamingTheSameThingGuideTogether() {
        // No single cat label reaches 0.5, but the photo is confidently a cat.
        LabelGuide.Plan plan = guide.plan(List.of(label("tabby", 0.35), label("tiger cat", 0.3), label("Egyptian cat", 0.2),
                label("lynx", 0.05)), new Manifest.Guide(0.5, 1));
        assertThat(plan.words()).containsExactly("cat");
        assertThat(plan.labels()).extracting(ImageLabel::label).containsExactly("tabby", "tiger cat", "Egyptian cat");
        assertThat(plan.constraints()).hasSize(1);
        assertThat(plan.constraints().get(0).phrases()).hasSize(2); // cat, cats
    }

    @Test
    void labelsSharingAFallbackWordMergeAndTheirWordsAllCount() {
        LabelGuide.Plan plan = guide.plan(List.of(label("bald eagle", 0.46), label("ruddy turnstone", 0.19),
                label("kite", 0.17), label("ox", 0.1)), new Manifest.Guide(0.5, 2));
        assertThat(plan.words()).containsExactly("eagle");
        String phrases = plan.constraints().get(0).phrases().stream()
                .map(p -> guide.model().vocabulary().decode(p).stream().collect(Collectors.joining(" ")))
                .collect(Collectors.joining(","));
        assertThat(phrases.split(",")).contains("eagle", "eagles", "bird", "birds").doesNotContain("hawk");
        // New words come from the most probable label only: the kite (a hawk) adds "bird", not "hawk".
        assertThat(plan.allowed()).contains("eagle", "eagles").doesNotContain("hawk");
    }

    @Test
    void belowTheThresholdOrWithoutWordsNothingGuides() {
        assertThat(guide.plan(List.of(label("bald eagle", 0.46)), new Manifest.Guide(0.5, 1)).constraints()).isEmpty();
        // A class reviewed as "none" (a web site) never guides.
        assertThat(TABLE.wordsFor(TABLE.classesNamed("web site").get(0))).isEmpty();
        assertThat(guide.plan(List.of(label("web site", 0.99)), new Manifest.Guide(0.5, 1)).constraints()).isEmpty();
        // Labels without a class index cannot be looked up safely ("crane" names two classes).
        assertThat(guide.plan(List.of(new ImageLabel("tabby", 0.9)), new Manifest.Guide(0.5, 1)).constraints()).isEmpty();
    }

    @Test
    void atMostTheAskedNumberOfLabelsGuideMostProbableFirst() {
        List<ImageLabel> labels = List.of(label("hotdog", 0.5), label("espresso", 0.3), label("daisy", 0.15));
        assertThat(guide.plan(labels, new Manifest.Guide(0.1, 1)).words()).containsExactly("hot dog");
        assertThat(guide.plan(labels, new Manifest.Guide(0.1, 2)).words()).containsExactly("hot dog", "coffee");
        assertThat(guide.plan(labels, new Manifest.Guide(0.2, 3)).words()).containsExactly("hot dog", "coffee");
    }

    @Test
    void wordsTheDecoderNeverSawBorrowFromTheirClosestKnownHypernym() {
        Map<String, AddedWord> added = guide.model().addedByWord();
        assertThat(guide.model().base().vocabulary().contains("parrot")).isFalse();
        assertThat(added.get("parrot").source()).isEqualTo("bird");
        assertThat(added.get("parrots").source()).isEqualTo("birds");
        assertThat(added.get("owl").source()).isEqualTo("bird");
        assertThat(added.get("espresso").source()).isEqualTo("coffee");
        assertThat(added.get("parrot").origin()).contains("parrot < bird");
        assertThat(added.values()).allSatisfy(w -> {
            assertThat(guide.model().base().vocabulary().contains(w.word())).isFalse();
            assertThat(guide.model().base().vocabulary().contains(w.source())).isTrue();
            assertThat(w.bias()).isEqualTo(LabelGuide.ADDED_WORD_BIAS);
        });
        // Known words are never added again.
        assertThat(added).doesNotContainKeys("cat", "dog", "bird", "horse", "coffee");
    }

    @Test
    void articlesAreRightBeforeAddedWords() {
        Caption c = new Caption(List.of("a", "owl", "and", "an", "parrot", "and", "a", "dog"), -5, -1,
                new double[]{.5, .5, .5, .5, .5, .5, .5, .5}, .5);
        assertThat(guide.fixArticles(c).text()).isEqualTo("an owl and a parrot and a dog");
        Caption plain = new Caption(List.of("a", "dog"), -1, -1, new double[]{.5, .5}, .5);
        assertThat(guide.fixArticles(plain)).isSameAs(plain);
    }
}
