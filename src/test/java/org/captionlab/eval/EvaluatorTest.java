package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EvaluatorTest {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorTest.class);

    private static Map<String, String> candidates() {
        Map<String, String> candidates = new LinkedHashMap<>();
        candidates.put("c.jpg", "A dog runs on the grass.");
        candidates.put("a.jpg", "Two cats sleeping indoors!");
        candidates.put("b.jpg", "A man riding a wave on a surfboard.");
        candidates.put("d.jpg", "a red bus");
        return candidates;
    }

    private static Map<String, List<String>> references() {
        Map<String, List<String>> references = new HashMap<>();
        references.put("a.jpg", List.of("A plate of food with broccoli.", "Rice and broccoli on a dish."));
        references.put("b.jpg", List.of("A man riding a wave on a surfboard.", "A surfer rides a big wave."));
        references.put("c.jpg", List.of("A brown dog runs across the grass.", "The dog is running outside."));
        references.put("d.jpg", List.of("A red bus on a city street.", "A bus parked by the road."));
        return references;
    }

    @Test
    void computesAllMetricsAndSortsWorstCiderFirst() {
        EvaluationResult result = Evaluator.evaluate(candidates(), references());

        assertThat(result.corpus().keySet()).containsExactlyInAnyOrder(Metric.values());
        assertThat(result.perImage()).extracting(ImageScores::imageId).first().isEqualTo("a.jpg");
        assertThat(result.perImage()).isSortedAccordingTo(
                (x, y) -> Double.compare(x.score(Metric.CIDER_D), y.score(Metric.CIDER_D)));
        ImageScores noOverlap = result.perImage().get(0);
        for (Metric metric : Metric.values()) {
            // BLEU is ~1e-16 rather than 0 here, exactly as in pycocoevalcap (its 1e-15 / 1e-9 smoothing)
            assertThat(noOverlap.score(metric)).as(metric.label()).isCloseTo(0.0, within(1e-12));
        }
        ImageScores exact = byId(result, "b.jpg");
        assertThat(exact.score(Metric.BLEU_4)).isCloseTo(1.0, within(1e-9));
        assertThat(exact.score(Metric.ROUGE_L)).isCloseTo(1.0, within(1e-12));
        assertThat(exact.candidate()).isEqualTo("A man riding a wave on a surfboard.");
        assertThat(result.corpus(Metric.CIDER_D)).isCloseTo(
                result.perImage().stream().mapToDouble(s -> s.score(Metric.CIDER_D)).average().orElseThrow(),
                within(1e-12));
    }

    @Test
    void equalCiderScoresAreOrderedByImageId() {
        Map<String, String> candidates = new HashMap<>(candidates());
        candidates.put("a.jpg", "...");         // tokenises to nothing: valid, scores 0
        candidates.put("z.jpg", "purple");      // shares nothing with its references: 0
        candidates.put("m.jpg", "");
        Map<String, List<String>> references = new HashMap<>(references());
        references.put("z.jpg", List.of("A yellow train.", "Train at a station."));
        references.put("m.jpg", List.of("A kite in the sky."));

        EvaluationResult result = Evaluator.evaluate(candidates, references);

        assertThat(result.perImage()).extracting(ImageScores::imageId).startsWith("a.jpg", "m.jpg", "z.jpg");
        assertThat(result.perImage().subList(0, 3)).allSatisfy(s -> {
            assertThat(s.score(Metric.CIDER_D)).as(s.imageId()).isZero();
            for (Metric metric : Metric.values()) {
                assertThat(s.score(metric)).as(s.imageId() + " " + metric).isCloseTo(0.0, within(1e-9));
            }
        });
        ImageScores empty = result.perImage().get(0);
        assertThat(empty.scores().values()).as("a caption without words scores exactly 0").containsOnly(0.0);
    }

    @Test
    void tokenisesCandidatesAndReferencesAlike() {
        EvaluationResult result = Evaluator.evaluate(
                Map.of("x", "A DOG, running!", "y", "a cat"),
                Map.of("x", List.of("a dog running"), "y", List.of("the cat sleeps")));

        ImageScores x = byId(result, "x");
        assertThat(x.score(Metric.BLEU_3)).isCloseTo(1.0, within(1e-9));
        assertThat(x.score(Metric.ROUGE_L)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void subsetComputesOnlyRequestedMetricsWithSameValues() {
        EvaluationResult all = Evaluator.evaluate(candidates(), references());

        EvaluationResult rouge = Evaluator.evaluate(candidates(), references(), Set.of(Metric.ROUGE_L));
        assertThat(rouge.corpus().keySet()).containsExactly(Metric.ROUGE_L);
        assertThat(rouge.corpus(Metric.ROUGE_L)).isEqualTo(all.corpus(Metric.ROUGE_L));
        assertThat(rouge.perImage()).extracting(ImageScores::imageId)
                .containsExactly("a.jpg", "b.jpg", "c.jpg", "d.jpg");
        assertThat(rouge.perImage()).allSatisfy(s -> assertThat(s.scores().keySet()).containsExactly(Metric.ROUGE_L));
        assertThat(rouge.corpus(Metric.CIDER_D)).isNaN();

        EvaluationResult bleuAndCider = Evaluator.evaluate(candidates(), references(),
                EnumSet.of(Metric.BLEU_4, Metric.CIDER_D));
        assertThat(bleuAndCider.corpus().keySet()).containsExactlyInAnyOrder(Metric.BLEU_4, Metric.CIDER_D);
        assertThat(bleuAndCider.corpus(Metric.BLEU_4)).isEqualTo(all.corpus(Metric.BLEU_4));
        assertThat(bleuAndCider.perImage()).extracting(ImageScores::imageId)
                .containsExactlyElementsOf(all.perImage().stream().map(ImageScores::imageId).toList());
    }

    /** The evaluated set is the candidates' images; other references must not leak into CIDEr-D's df. */
    @Test
    void referencesOfImagesWithoutCandidateAreIgnored() {
        Map<String, List<String>> moreReferences = new HashMap<>(references());
        moreReferences.put("extra.jpg", List.of("a dog runs on the grass", "a red bus"));

        EvaluationResult withExtra = Evaluator.evaluate(candidates(), moreReferences);
        EvaluationResult without = Evaluator.evaluate(candidates(), references());

        assertThat(withExtra.corpus()).isEqualTo(without.corpus());
        assertThat(withExtra.perImage()).hasSize(4);
    }

    @Test
    void rejectsBadInputNamingTheImage() {
        Map<String, List<String>> missing = new HashMap<>(references());
        missing.remove("c.jpg");
        assertThatThrownBy(() -> Evaluator.evaluate(candidates(), missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'c.jpg' has a candidate caption but no references");

        Map<String, List<String>> empty = new HashMap<>(references());
        empty.put("d.jpg", List.of());
        assertThatThrownBy(() -> Evaluator.evaluate(candidates(), empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'd.jpg' has an empty reference list");

        Map<String, List<String>> punctuationOnly = new HashMap<>(references());
        punctuationOnly.put("b.jpg", List.of("A man surfing.", "..."));
        assertThatThrownBy(() -> Evaluator.evaluate(candidates(), punctuationOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'b.jpg': reference 2 of 2 ('...') has no words after tokenisation");

        Map<String, List<String>> nullReference = new HashMap<>(references());
        nullReference.put("a.jpg", Arrays.asList("a dish", null));
        assertThatThrownBy(() -> Evaluator.evaluate(candidates(), nullReference))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'a.jpg': reference 2 of 2 is null");

        Map<String, String> nullCandidate = new HashMap<>(candidates());
        nullCandidate.put("d.jpg", null);
        assertThatThrownBy(() -> Evaluator.evaluate(nullCandidate, references()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'd.jpg': the candidate caption is null");

        assertThatThrownBy(() -> Evaluator.evaluate(Map.of(), references()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no candidate captions to evaluate");
        assertThatThrownBy(() -> Evaluator.evaluate(candidates(), references(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no metrics requested");
    }

    /**
     * 5,000 synthetic images (Zipf-like words from a 3,000-word vocabulary, 8–14-word candidates, five
     * references each): all six metrics. The bound is generous for a busy 2-core machine; the time is logged.
     */
    @Test
    void evaluatesFiveThousandImagesQuickly() {
        Random random = new Random(42);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            vocabulary.add("w" + i);
        }
        Map<String, String> candidates = new HashMap<>();
        Map<String, List<String>> references = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            String id = String.format("img%05d.jpg", i);
            candidates.put(id, sentence(random, vocabulary));
            List<String> refs = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                refs.add(sentence(random, vocabulary));
            }
            references.put(id, refs);
        }

        long start = System.nanoTime();
        EvaluationResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Evaluator.evaluate(candidates, references));
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("Evaluated 5,000 synthetic images (6 metrics) in {} ms", millis);

        assertThat(result.perImage()).hasSize(5000);
        assertThat(result.corpus().values()).allSatisfy(v -> assertThat(v).isFinite().isBetween(0.0, 10.0));
        assertThat(result.corpus(Metric.BLEU_1)).isPositive();
        assertThat(result.corpus(Metric.CIDER_D)).isPositive();
        assertThat(result.perImage()).isSortedAccordingTo(
                (x, y) -> Double.compare(x.score(Metric.CIDER_D), y.score(Metric.CIDER_D)));
    }

    private static ImageScores byId(EvaluationResult result, String imageId) {
        return result.perImage().stream().filter(s -> s.imageId().equals(imageId)).findFirst().orElseThrow();
    }

    private static String sentence(Random random, List<String> vocabulary) {
        int length = 8 + random.nextInt(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // cubing a uniform skews towards frequent words, as in real captions
            double u = random.nextDouble();
            sb.append(i == 0 ? "" : " ").append(vocabulary.get((int) (u * u * u * vocabulary.size())));
        }
        return sb.toString();
    }
}
