package org.captionlab.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.ImageScores;
import org.captionlab.eval.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a report written by {@link EvaluationReportWriter}. A {@code null} score is read as NaN; a
 * metric this version does not know (from a newer CaptionLab) is skipped with a warning, so old
 * versions still open new reports.
 */
public final class EvaluationReportReader {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationReportReader.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Metric> BY_LABEL = new HashMap<>();

    static {
        for (Metric m : Metric.values()) {
            BY_LABEL.put(m.label(), m);
        }
    }

    private EvaluationReportReader() {
    }

    /**
     * Reads a report.
     *
     * @throws IOException with one sentence naming the file when it is missing, not JSON, or not a
     *                     report (missing or mistyped keys, an {@code images} count that disagrees with
     *                     {@code per_image})
     */
    public static SavedEvaluation read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new IOException("evaluation report " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " line " + e.getLocation().getLineNr() : "";
            throw new IOException("evaluation report " + file + where + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw notReport(file, "it is not a JSON object");
        }
        JsonNode model = root.get("model");
        JsonNode images = root.get("images");
        JsonNode metrics = root.get("metrics");
        JsonNode perImage = root.get("per_image");
        if (model == null || !model.isTextual() || images == null || !images.canConvertToInt() || !images.isIntegralNumber()
                || metrics == null || !metrics.isObject() || perImage == null || !perImage.isArray()) {
            throw notReport(file, "it needs a string \"model\", an integer \"images\", an object \"metrics\" and an array "
                    + "\"per_image\"");
        }
        if (images.intValue() != perImage.size()) {
            throw notReport(file, "\"images\" says " + images.intValue() + " but \"per_image\" has " + perImage.size()
                    + " entries");
        }
        Map<Metric, Double> corpus = scores(file, metrics, "\"metrics\"");
        List<ImageScores> scores = new ArrayList<>(perImage.size());
        for (int i = 0; i < perImage.size(); i++) {
            scores.add(imageScores(file, perImage.get(i), i));
        }
        return new SavedEvaluation(model.asText(), new EvaluationResult(corpus, scores));
    }

    private static ImageScores imageScores(Path file, JsonNode node, int index) throws IOException {
        String what = "per_image #" + index;
        JsonNode image = node.get("image");
        JsonNode caption = node.get("caption");
        JsonNode references = node.get("references");
        JsonNode scores = node.get("scores");
        if (!node.isObject() || image == null || !image.isTextual() || caption == null || !caption.isTextual()
                || references == null || !references.isArray() || scores == null || !scores.isObject()) {
            throw notReport(file, what + " needs a string \"image\", a string \"caption\", an array \"references\" and "
                    + "an object \"scores\"");
        }
        List<String> refs = new ArrayList<>(references.size());
        for (JsonNode ref : references) {
            if (!ref.isTextual()) {
                throw notReport(file, what + " has a reference that is not a string");
            }
            refs.add(ref.asText());
        }
        return new ImageScores(image.asText(), caption.asText(), refs, scores(file, scores, what));
    }

    private static Map<Metric, Double> scores(Path file, JsonNode node, String what) throws IOException {
        Map<Metric, Double> scores = new EnumMap<>(Metric.class);
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Metric metric = BY_LABEL.get(field.getKey());
            if (metric == null) {
                LOG.warn("{}: {} has unknown metric '{}'; ignored", file, what, field.getKey());
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                scores.put(metric, Double.NaN);
            } else if (value.isNumber()) {
                scores.put(metric, value.doubleValue());
            } else {
                throw notReport(file, what + " has " + field.getKey() + " = " + value + ", not a number");
            }
        }
        return scores;
    }

    private static IOException notReport(Path file, String why) {
        return new IOException(file + " is not a CaptionLab evaluation report: " + why);
    }
}
