package org.captionlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.captionlab.text.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our metrics against numbers produced by pycocoevalcap's own Python scorers (tylin/coco-caption
 * {@code bleu_scorer.py}, {@code rouge.py}, {@code cider_scorer.py}) on the pre-tokenised examples of
 * {@code fixtures/eval/pycocoevalcap-reference.json}; how those numbers were made is in the README beside
 * it. The fixture holds full double precision ({@code repr}), so we compare to 1e-9.
 */
class PycocoevalcapReferenceTest {

    private static final String FIXTURE = "/fixtures/eval/pycocoevalcap-reference.json";
    private static final double TOLERANCE = 1e-9;

    record Example(String name, List<String> ids, Map<String, String> candidates,
                   Map<String, List<String>> references, JsonNode expected) {
        List<TokenizedCaptions> tokenized() {
            List<TokenizedCaptions> out = new ArrayList<>();
            for (String id : ids) {
                List<List<String>> refs = references.get(id).stream().map(Example::split).toList();
                out.add(new TokenizedCaptions(split(candidates.get(id)), refs));
            }
            return out;
        }

        /** Python's {@code str.split()} on the pre-tokenised fixture strings. */
        static List<String> split(String text) {
            return Arrays.stream(text.trim().split(" +")).filter(s -> !s.isEmpty()).toList();
        }

        double expected(String imageId, Metric metric) {
            return expected.get("perImage").get(imageId).get(metric.name()).asDouble();
        }

        double expectedCorpus(Metric metric) {
            return expected.get("corpus").get(metric.name()).asDouble();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> examples() throws IOException {
        JsonNode root;
        try (InputStream in = PycocoevalcapReferenceTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        root.properties().forEach(set -> {
            List<String> ids = new ArrayList<>();
            Map<String, String> candidates = new LinkedHashMap<>();
            Map<String, List<String>> references = new LinkedHashMap<>();
            for (JsonNode image : set.getValue().get("images")) {
                String id = image.get("id").asText();
                ids.add(id);
                candidates.put(id, image.get("candidate").asText());
                List<String> refs = new ArrayList<>();
                image.get("references").forEach(r -> refs.add(r.asText()));
                references.put(id, refs);
            }
            out.add(Arguments.of(new Example(set.getKey(), ids, candidates, references,
                    set.getValue().get("expected"))));
        });
        assertThat(out).hasSize(4);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void bleuMatchesBleuScorerCorpusAndPerImage(Example example) {
        Bleu.Result result = Bleu.compute(example.tokenized());

        JsonNode lengths = example.expected().get("bleuLengths");
        assertThat(result.candidateLength()).isEqualTo(lengths.get("candidate").asLong());
        assertThat(result.referenceLength()).isEqualTo(lengths.get("reference").asLong());
        Metric[] orders = {Metric.BLEU_1, Metric.BLEU_2, Metric.BLEU_3, Metric.BLEU_4};
        for (int n = 1; n <= 4; n++) {
            Metric metric = orders[n - 1];
            MetricScores scores = result.bleu(n);
            assertThat(scores.corpus()).as("%s corpus", metric)
                    .isCloseTo(example.expectedCorpus(metric), within(TOLERANCE));
            for (int i = 0; i < example.ids().size(); i++) {
                String id = example.ids().get(i);
                assertThat(scores.perImage().get(i)).as("%s %s", metric, id)
                        .isCloseTo(example.expected(id, metric), within(TOLERANCE));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void rougeLMatchesRougePy(Example example) {
        MetricScores scores = RougeL.compute(example.tokenized());

        assertThat(scores.corpus()).isCloseTo(example.expectedCorpus(Metric.ROUGE_L), within(TOLERANCE));
        for (int i = 0; i < example.ids().size(); i++) {
            String id = example.ids().get(i);
            assertThat(scores.perImage().get(i)).as(id)
                    .isCloseTo(example.expected(id, Metric.ROUGE_L), within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void ciderDMatchesCiderScorer(Example example) {
        MetricScores scores = CiderD.compute(example.tokenized());

        assertThat(scores.corpus()).isCloseTo(example.expectedCorpus(Metric.CIDER_D), within(TOLERANCE));
        for (int i = 0; i < example.ids().size(); i++) {
            String id = example.ids().get(i);
            assertThat(scores.perImage().get(i)).as(id)
                    .isCloseTo(example.expected(id, Metric.CIDER_D), within(TOLERANCE));
        }
    }

    /**
     * The fixture's captions are plain lower-case words, so our tokeniser must leave them as they are and
     * the evaluator must reproduce every number. The set with empty references is the exception: the
     * metric functions accept empty references (and match Python on them), the evaluator rejects them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void evaluatorOnRawTextMatchesAllSixMetrics(Example example) {
        example.candidates().forEach((id, text) ->
                assertThat(Tokenizer.words(text)).as(id).isEqualTo(Example.split(text)));
        String imageWithEmptyReference = example.ids().stream()
                .filter(id -> example.references().get(id).contains(""))
                .findFirst().orElse(null);
        if (imageWithEmptyReference != null) {
            assertThatThrownBy(() -> Evaluator.evaluate(example.candidates(), example.references()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image '" + imageWithEmptyReference + "'")
                    .hasMessageContaining("no words after tokenisation");
            return;
        }

        EvaluationResult result = Evaluator.evaluate(example.candidates(), example.references());

        assertThat(result.corpus().keySet()).containsExactlyInAnyOrder(Metric.values());
        for (Metric metric : Metric.values()) {
            assertThat(result.corpus(metric)).as("%s corpus", metric)
                    .isCloseTo(example.expectedCorpus(metric), within(TOLERANCE));
        }
        assertThat(result.perImage()).hasSize(example.ids().size());
        for (ImageScores image : result.perImage()) {
            assertThat(image.candidate()).isEqualTo(example.candidates().get(image.imageId()));
            assertThat(image.references()).isEqualTo(example.references().get(image.imageId()));
            for (Metric metric : Metric.values()) {
                assertThat(image.score(metric)).as("%s %s", metric, image.imageId())
                        .isCloseTo(example.expected(image.imageId(), metric), within(TOLERANCE));
            }
        }
    }
}
