package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.ImageScores;
import org.captionlab.eval.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EvaluationReportWriter} and {@link EvaluationReportReader}. */
class EvaluationReportTest {

    @TempDir
    Path tmp;

    private static Map<Metric, Double> scores(double base) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        int i = 0;
        for (Metric metric : Metric.values()) {
            m.put(metric, base + 0.01 * i++);
        }
        return m;
    }

    private static EvaluationResult result() {
        return new EvaluationResult(scores(0.5), List.of(
                new ImageScores("b.jpg", "a dog", List.of("a dog runs .", "a \"brown\" dog , outside"), scores(0.1)),
                new ImageScores("a.jpg", "un café 猫", List.of("a cat\non a sofa"), scores(0.9))));
    }

    @Test
    void writesExactlyTheDocumentedShapeInResultOrder() throws IOException {
        Path out = tmp.resolve("report.json");

        EvaluationReportWriter.write(out, "flickr8k-lstm", result());

        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertThat(fieldNames(root)).containsExactly("model", "images", "metrics", "per_image");
        assertThat(root.get("model").asText()).isEqualTo("flickr8k-lstm");
        assertThat(root.get("images").isInt()).isTrue();
        assertThat(root.get("images").asInt()).isEqualTo(2);
        assertThat(fieldNames(root.get("metrics"))).containsExactly("BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D");
        assertThat(root.get("metrics").get("CIDEr-D").asDouble()).isEqualTo(0.55);
        JsonNode first = root.get("per_image").get(0);
        assertThat(fieldNames(first)).containsExactly("image", "caption", "references", "scores");
        assertThat(first.get("image").asText()).isEqualTo("b.jpg");
        assertThat(first.get("references").get(1).asText()).isEqualTo("a \"brown\" dog , outside");
        assertThat(first.get("scores").get("BLEU-1").asDouble()).isEqualTo(0.1);
        assertThat(root.get("per_image").get(1).get("caption").asText()).isEqualTo("un café 猫");
    }

    @Test
    void isPrettyPrintedWithTwoSpaceIndent() throws IOException {
        Path out = tmp.resolve("report.json");
        EvaluationResult small = new EvaluationResult(Map.of(Metric.BLEU_4, 0.25),
                List.of(new ImageScores("x.jpg", "a cat", List.of("a cat ."), Map.of(Metric.BLEU_4, 0.5))));

        EvaluationReportWriter.write(out, "m", small);

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "model": "m",
                  "images": 1,
                  "metrics": {
                    "BLEU-4": 0.25
                  },
                  "per_image": [
                    {
                      "image": "x.jpg",
                      "caption": "a cat",
                      "references": [
                        "a cat ."
                      ],
                      "scores": {
                        "BLEU-4": 0.5
                      }
                    }
                  ]
                }
                """);
    }

    @Test
    void roundTripsThroughTheReader() throws IOException {
        Path out = tmp.resolve("report.json");
        EvaluationResult result = result();

        EvaluationReportWriter.write(out, "flickr8k-lstm", result);
        SavedEvaluation saved = EvaluationReportReader.read(out);

        assertThat(saved.model()).isEqualTo("flickr8k-lstm");
        assertThat(saved.images()).isEqualTo(2);
        assertThat(saved.result()).isEqualTo(result);
    }

    @Test
    void nonFiniteScoresAreWrittenNullAndReadBackAsNaN() throws IOException {
        Path out = tmp.resolve("report.json");
        Map<Metric, Double> corpus = new EnumMap<>(Metric.class);
        corpus.put(Metric.CIDER_D, Double.NaN);
        corpus.put(Metric.BLEU_1, Double.POSITIVE_INFINITY);

        EvaluationReportWriter.write(out, "m", new EvaluationResult(corpus, List.of()));

        assertThat(Files.readString(out)).contains("\"BLEU-1\": null", "\"CIDEr-D\": null", "\"per_image\": [ ]");
        SavedEvaluation saved = EvaluationReportReader.read(out);
        assertThat(saved.result().corpus(Metric.CIDER_D)).isNaN();
        assertThat(saved.result().corpus()).containsOnlyKeys(Metric.BLEU_1, Metric.CIDER_D);
    }

    @Test
    void readerSkipsMetricsItDoesNotKnow() throws IOException {
        Path file = Files.writeString(tmp.resolve("r.json"), "{\"model\": \"m\", \"images\": 0, "
                + "\"metrics\": {\"METEOR\": 0.2, \"BLEU-4\": 0.1}, \"per_image\": []}");

        assertThat(EvaluationReportReader.read(file).result().corpus()).containsOnlyKeys(Metric.BLEU_4);
    }

    @Test
    void readerRejectsFilesThatAreNotReports() throws IOException {
        Path notJson = Files.writeString(tmp.resolve("a.json"), "{\"model\": ");
        Path noPerImage = Files.writeString(tmp.resolve("b.json"), "{\"model\": \"m\", \"images\": 0, \"metrics\": {}}");
        Path wrongCount = Files.writeString(tmp.resolve("c.json"),
                "{\"model\": \"m\", \"images\": 3, \"metrics\": {}, \"per_image\": []}");
        Path badScore = Files.writeString(tmp.resolve("d.json"), "{\"model\": \"m\", \"images\": 1, \"metrics\": {}, "
                + "\"per_image\": [{\"image\": \"x\", \"caption\": \"y\", \"references\": [], \"scores\": {\"BLEU-1\": \"high\"}}]}");

        assertThatThrownBy(() -> EvaluationReportReader.read(notJson)).isInstanceOf(IOException.class)
                .hasMessageContaining("evaluation report " + notJson).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> EvaluationReportReader.read(noPerImage))
                .hasMessageStartingWith(noPerImage + " is not a CaptionLab evaluation report: it needs");
        assertThatThrownBy(() -> EvaluationReportReader.read(wrongCount))
                .hasMessage(wrongCount + " is not a CaptionLab evaluation report: \"images\" says 3 but \"per_image\" has 0 entries");
        assertThatThrownBy(() -> EvaluationReportReader.read(badScore))
                .hasMessage(badScore + " is not a CaptionLab evaluation report: per_image #0 has BLEU-1 = \"high\", not a number");
        assertThatThrownBy(() -> EvaluationReportReader.read(tmp.resolve("none.json")))
                .hasMessage("evaluation report " + tmp.resolve("none.json") + " does not exist");
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path out = tmp.resolve("report.json");
        EvaluationReportWriter.write(out, "first", result());
        EvaluationReportWriter.write(out, "second", result());

        assertThat(EvaluationReportReader.read(out).model()).isEqualTo("second");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(out);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
