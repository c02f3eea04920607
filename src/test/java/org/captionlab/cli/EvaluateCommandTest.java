package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --predictions --references} on the pycocoevalcap reference set
 * (src/test/resources/fixtures/eval, see its README): the report must carry pycocoevalcap's numbers.
 */
class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> METRIC_NAMES = Map.of("BLEU_1", "BLEU-1", "BLEU_2", "BLEU-2",
            "BLEU_3", "BLEU-3", "BLEU_4", "BLEU-4", "ROUGE_L", "ROUGE-L", "CIDER_D", "CIDEr-D");

    @TempDir
    Path dir;

    @Test
    void scoresCocoFilesLikePycocoevalcap() throws IOException {
        JsonNode set;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/eval/pycocoevalcap-reference.json")) {
            set = JSON.readTree(in).get("ten_images");
        }
        // COCO results and COCO annotations built from the fixture, numeric image ids as COCO has them.
        ArrayNode results = JSON.createArrayNode();
        ObjectNode annotations = JSON.createObjectNode();
        ArrayNode images = annotations.putArray("images");
        ArrayNode anns = annotations.putArray("annotations");
        int id = 100;
        int annId = 1;
        for (JsonNode image : set.get("images")) {
            id++;
            results.addObject().put("image_id", id).put("caption", image.get("candidate").asText());
            images.addObject().put("id", id).put("file_name", image.get("id").asText() + ".jpg");
            for (JsonNode ref : image.get("references")) {
                anns.addObject().put("id", annId++).put("image_id", id).put("caption", ref.asText());
            }
        }
        Path preds = dir.resolve("preds.json");
        Path refs = dir.resolve("captions_val.json");
        Path report = dir.resolve("report.json");
        JSON.writeValue(preds.toFile(), results);
        JSON.writeValue(refs.toFile(), annotations);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(err), "evaluate", "--predictions",
                preds.toString(), "--references", refs.toString(), "--out", report.toString());
        assertThat(code).as(err.toString()).isZero();

        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.get("images").asInt()).isEqualTo(10);
        JsonNode expected = set.get("expected").get("corpus");
        METRIC_NAMES.forEach((fixtureName, reportName) ->
                assertThat(r.get("metrics").get(reportName).asDouble())
                        .as(reportName).isCloseTo(expected.get(fixtureName).asDouble(), within(1e-9)));
        // per_image: worst CIDEr-D first, each with its caption, references and scores
        JsonNode perImage = r.get("per_image");
        assertThat(perImage.size()).isEqualTo(10);
        for (int i = 1; i < perImage.size(); i++) {
            assertThat(perImage.get(i).get("scores").get("CIDEr-D").asDouble())
                    .isGreaterThanOrEqualTo(perImage.get(i - 1).get("scores").get("CIDEr-D").asDouble());
        }
        assertThat(perImage.get(0).get("references").size()).isPositive();
        assertThat(out.toString()).contains("BLEU-4").contains("CIDEr-D");
    }

    @Test
    void predictionWithoutReferencesIsAClearError() throws IOException {
        Path preds = dir.resolve("preds.json");
        Path refs = dir.resolve("refs.json");
        JSON.writeValue(preds.toFile(), JSON.readTree("[{\"image_id\": 7, \"caption\": \"a dog\"}]"));
        JSON.writeValue(refs.toFile(), JSON.readTree("{\"images\": [{\"id\": 8, \"file_name\": \"b.jpg\"}],"
                + " \"annotations\": [{\"id\": 1, \"image_id\": 8, \"caption\": \"a cat\"}]}"));
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "evaluate",
                "--predictions", preds.toString(), "--references", refs.toString(), "--out", dir.resolve("r.json").toString());
        assertThat(code).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(err.toString()).contains("7").contains("no reference");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }
}
