package org.captionlab.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.MentionF1;
import org.captionlab.eval.ImageScores;
import org.captionlab.eval.Metric;
import org.captionlab.util.AtomicFiles;

/**
 * Writes an evaluation report as pretty-printed JSON, atomically:
 * <pre>{@code
 * {
 *   "model": "flickr8k-lstm",
 *   "images": 1000,
 *   "metrics": {"BLEU-1": 0.61, "BLEU-2": 0.42, "BLEU-3": 0.28, "BLEU-4": 0.18, "ROUGE-L": 0.45, "CIDEr-D": 0.47},
 *   "per_image": [
 *     {"image": "123.jpg", "caption": "a dog runs", "references": ["...", "..."], "scores": {"BLEU-1": ..., ...}}
 *   ]
 * }
 * }</pre>
 * {@code images} is the number of entries in {@code per_image}, which keeps the result's order (worst
 * CIDEr-D first). Metrics are written in {@link Metric} order, only those present; JSON has no NaN or
 * infinity, so such a value is written {@code null} (and read back as NaN by {@link EvaluationReportReader}).
 */
public final class EvaluationReportWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private EvaluationReportWriter() {
    }

    /** Writes the report of {@code model}'s evaluation to {@code target}, replacing it only on success. */
    public static void write(Path target, String model, EvaluationResult result) throws IOException {
        write(target, model, result, null);
    }

    /**
     * Writes the report with the object mention F1 ({@code mentions}, may be null) to {@code target},
     * replacing it only on success.
     */
    public static void write(Path target, String model, EvaluationResult result, MentionF1.Scores mentions)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(result, "result");
        AtomicFiles.write(target, out -> write(out, model, result, mentions));
    }

    /** Writes the report as UTF-8 JSON to {@code out}, which is flushed, not closed. */
    public static void write(OutputStream out, String model, EvaluationResult result) throws IOException {
        write(out, model, result, null);
    }

    /**
     * Writes the report, with {@code mention_f1} after {@code metrics} when {@code mentions} is not null,
     * as UTF-8 JSON to {@code out}, which is flushed, not closed.
     */
    public static void write(OutputStream out, String model, EvaluationResult result, MentionF1.Scores mentions)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeNumberField("images", result.perImage().size());
            g.writeFieldName("metrics");
            writeScores(g, result.corpus());
            if (mentions != null) {
                writeMentions(g, mentions);
            }
            g.writeArrayFieldStart("per_image");
            for (ImageScores image : result.perImage()) {
                g.writeStartObject();
                g.writeStringField("image", image.imageId());
                g.writeStringField("caption", image.candidate());
                g.writeArrayFieldStart("references");
                for (String reference : image.references()) {
                    g.writeString(reference);
                }
                g.writeEndArray();
                g.writeFieldName("scores");
                writeScores(g, image.scores());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeMentions(JsonGenerator g, MentionF1.Scores mentions) throws IOException {
        g.writeObjectFieldStart("mention_f1");
        g.writeNumberField("mean", mentions.mean());
        g.writeNumberField("mean_visible", mentions.meanVisible());
        g.writeObjectFieldStart("classes");
        for (MentionF1.ClassScore c : mentions.classes()) {
            g.writeObjectFieldStart(c.name());
            g.writeBooleanField("visible", c.visible());
            g.writeNumberField("positives", c.positives());
            g.writeNumberField("predicted", c.predicted());
            g.writeNumberField("true_positives", c.truePositives());
            g.writeNumberField("precision", c.precision());
            g.writeNumberField("recall", c.recall());
            g.writeNumberField("f1", c.f1());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeScores(JsonGenerator g, Map<Metric, Double> scores) throws IOException {
        g.writeStartObject();
        for (Metric metric : Metric.values()) {
            Double value = scores.get(metric);
            if (value == null) {
                continue;
            }
            g.writeFieldName(metric.label());
            if (Double.isFinite(value)) {
                g.writeNumber(value);
            } else {
                g.writeNull();
            }
        }
        g.writeEndObject();
    }

    /** Two-space indent, {@code "key": value} as Python's json module writes it, arrays one item a line. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
