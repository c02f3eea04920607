package org.captionlab.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.search.Caption;

/**
 * Writes the {@code caption} command's output one photo at a time, each photo's text written in one go
 * and flushed, so that an interrupted run leaves every finished photo in the output and
 * {@link #resume} can tell which ones those are.
 *
 * <ul>
 *   <li>{@link Format#CSV}: RFC 4180 with the header of {@link CaptionColumn}, one row per caption.
 *   <li>{@link Format#JSONL}: one JSON object per photo and line.
 *   <li>{@link Format#JSON}: a JSON array with one object per line ({@code [}, the objects separated by
 *       {@code ,} and a line end, {@code ]}): a valid JSON document once finished.
 *   <li>{@link Format#TEXT}: a block per photo, its path unindented, captions, scores and labels indented.
 * </ul>
 * The JSON object of a photo: {@code path, model, encoder, captions: [{rank, caption, logprob, score,
 * words: [{word, prob}], end_prob}], imagenet_labels: [{label, probability}], guide: null or {labels:
 * [{label, probability}], words, fell_back}, warnings: [...]}.
 */
public final class CaptionStream {

    /** Output formats. */
    public enum Format { TEXT, CSV, JSON, JSONL }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    private final Writer out;
    private final Format format;
    private long written;

    /**
     * @param out            where the output goes (flushed after every photo; not closed here)
     * @param format         the format
     * @param alreadyWritten photos already in the output (a resumed file that ends where {@link #resume} said)
     */
    public CaptionStream(Writer out, Format format, long alreadyWritten) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.written = alreadyWritten;
    }

    /** Starts a new output (the CSV header, the JSON array's {@code [}); nothing for a resumed one. */
    public void begin(boolean fresh) throws IOException {
        if (!fresh) {
            return;
        }
        switch (format) {
            case CSV -> out.write(csvLine(CaptionColumn.headers().stream().map(h -> (CsvCell) CsvCell.text(h)).toList()));
            case JSON -> out.write("[");
            default -> {
                return;
            }
        }
        out.flush();
    }

    /** Writes one photo and flushes. */
    public void write(CaptionRecord record) throws IOException {
        String chunk = switch (format) {
            case CSV -> {
                StringBuilder sb = new StringBuilder();
                for (List<CsvCell> row : CaptionColumn.rows(record)) {
                    sb.append(csvLine(row));
                }
                yield sb.toString();
            }
            case JSONL -> json(record) + "\n";
            case JSON -> (written == 0 ? "\n" : ",\n") + json(record);
            case TEXT -> text(record);
        };
        out.write(chunk);
        out.flush();
        written++;
    }

    /** Ends the output (the JSON array's {@code ]}) and flushes. */
    public void finish() throws IOException {
        if (format == Format.JSON) {
            out.write("\n]\n");
        }
        out.flush();
    }

    /** Photos in the output so far, resumed ones included. */
    public long written() {
        return written;
    }

    private static String csvLine(List<? extends CsvCell> cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> values = new ArrayList<>(cells.size());
        for (CsvCell cell : cells) {
            values.add(cell.render());
        }
        CSV.printRecord(sb, values.toArray());
        return sb.toString();
    }

    /** The JSON object of a photo, on one line. */
    public static String json(CaptionRecord r) throws JsonProcessingException {
        ObjectNode row = JSON.createObjectNode();
        row.put("path", r.path());
        row.put("model", r.model());
        row.put("encoder", r.encoder());
        ArrayNode caps = row.putArray("captions");
        int rank = 1;
        for (Caption c : r.captions()) {
            ObjectNode m = caps.addObject();
            m.put("rank", rank++);
            m.put("caption", c.text());
            m.put("logprob", c.logProb());
            m.put("score", c.score());
            ArrayNode words = m.putArray("words");
            double[] probs = c.tokenProbs();
            for (int i = 0; i < probs.length; i++) {
                words.addObject().put("word", c.words().get(i)).put("prob", probs[i]);
            }
            m.put("end_prob", c.endProb());
        }
        ArrayNode labels = row.putArray("imagenet_labels");
        for (CaptionRecord.Label l : r.labels()) {
            labels.addObject().put("label", l.label()).put("probability", l.probability());
        }
        if (r.guide() == null) {
            row.putNull("guide");
        } else {
            ObjectNode guide = row.putObject("guide");
            ArrayNode by = guide.putArray("labels");
            for (CaptionRecord.Label l : r.guide().labels()) {
                by.addObject().put("label", l.label()).put("probability", l.probability());
            }
            ArrayNode words = guide.putArray("words");
            r.guide().words().forEach(words::add);
            guide.put("fell_back", r.guide().fellBack());
        }
        ArrayNode warnings = row.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return JSON.writeValueAsString(row);
    }

    /** The text block of a photo. */
    public static String text(CaptionRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.path()).append('\n');
        int rank = 1;
        for (Caption c : r.captions()) {
            sb.append(String.format(Locale.ROOT, "  %d. %s%n     logp %.3f  p %.2e  score %.3f%n",
                    rank++, c.text(), c.logProb(), c.probability(), c.score()));
        }
        if (!r.labels().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (CaptionRecord.Label l : r.labels()) {
                // A label that would read "0%" says nothing (the app hides them too); CSV and JSON keep all five.
                if (l.probability() >= 0.005) {
                    parts.add(String.format(Locale.ROOT, "%s %.0f%%", l.label(), 100 * l.probability()));
                }
            }
            if (!parts.isEmpty()) {
                sb.append("  ImageNet: ").append(String.join(", ", parts)).append('\n');
            }
        }
        if (r.guide() != null) {
            sb.append("  guided by: ").append(r.guide().description()).append('\n');
        }
        for (String w : r.warnings()) {
            sb.append("  warning: ").append(w.replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    /**
     * What an earlier, interrupted output holds.
     *
     * @param keepChars how many characters of it to keep: everything after (a photo cut off mid-write, and
     *                  for CSV and text the last photo, whose rows may be incomplete) is dropped and redone
     * @param done      the paths of the photos kept, as written
     * @param photos    how many photos are kept
     */
    public record Resume(int keepChars, Set<String> done, long photos) {
    }

    /** An earlier output that cannot be continued by this run; the message says why. */
    public static final class ResumeException extends IOException {
        private static final long serialVersionUID = 1L;

        public ResumeException(String message) {
            super(message);
        }
    }

    /**
     * Reads an earlier output of the same format to continue it.
     *
     * @param content the file's text
     * @param encoder the encoder of this run (CSV and JSON outputs made with another are refused)
     * @param model   the model of this run (likewise)
     * @throws ResumeException when the output was made with other columns, another model or encoder
     */
    public static Resume resume(String content, Format format, String encoder, String model) throws ResumeException {
        return switch (format) {
            case CSV -> resumeCsv(content, encoder, model);
            case JSON, JSONL -> resumeJson(content, format, encoder, model);
            case TEXT -> resumeText(content);
        };
    }

    private static Resume resumeCsv(String content, String encoder, String model) throws ResumeException {
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = CSV.parse(new StringReader(content))) {
            Iterator<CSVRecord> it = parser.iterator();
            while (it.hasNext()) {
                records.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            // a record cut off inside quotes: the records before it stand
        }
        if (records.isEmpty() || !content.contains("\n")) {
            return new Resume(0, Set.of(), 0);
        }
        List<String> header = records.get(0).toList();
        if (!header.equals(CaptionColumn.headers())) {
            throw new ResumeException("it has the columns " + header + " instead of " + CaptionColumn.headers());
        }
        String modelCell = CsvCell.text(model).render();
        String encoderCell = CsvCell.text(encoder).render();
        int width = header.size();
        // Group rows by photo; the last group may be incomplete (killed between its rows) and is redone.
        List<int[]> groups = new ArrayList<>(); // {start position, first record index}
        String previous = null;
        for (int i = 1; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            if (r.size() != width) {
                break;
            }
            String path = r.get(0);
            if (!path.equals(previous)) {
                groups.add(new int[] {(int) r.getCharacterPosition(), i});
                previous = path;
            }
            checkModel(r.get(CaptionColumn.MODEL.ordinal()), r.get(CaptionColumn.ENCODER.ordinal()), modelCell, encoderCell);
        }
        if (groups.isEmpty()) {
            int afterHeader = records.size() > 1 ? (int) records.get(1).getCharacterPosition() : content.indexOf('\n') + 1;
            return new Resume(afterHeader, Set.of(), 0);
        }
        int[] last = groups.remove(groups.size() - 1);
        Set<String> done = new LinkedHashSet<>();
        for (int[] g : groups) {
            done.add(records.get(g[1]).get(0));
        }
        return new Resume(last[0], done, groups.size());
    }

    private static void checkModel(String model, String encoder, String expectedModel, String expectedEncoder)
            throws ResumeException {
        if (!model.equals(expectedModel) || !encoder.equals(expectedEncoder)) {
            throw new ResumeException("it was made with model '" + model + "' and encoder '" + encoder
                    + "', not '" + expectedModel + "' and '" + expectedEncoder + "'");
        }
    }

    private static Resume resumeJson(String content, Format format, String encoder, String model) throws ResumeException {
        Set<String> done = new LinkedHashSet<>();
        int keep = 0;
        int pos = 0;
        if (format == Format.JSON) {
            int open = content.indexOf('[');
            if (open < 0 || !content.substring(0, open).isBlank()) {
                return new Resume(0, Set.of(), 0);
            }
            pos = open + 1;
            keep = pos;
        }
        while (pos < content.length()) {
            int end = content.indexOf('\n', pos);
            boolean terminated = end >= 0;
            if (!terminated) {
                end = content.length();
            }
            String line = content.substring(pos, end);
            int from = 0;
            int to = line.length();
            while (from < to && (Character.isWhitespace(line.charAt(from)) || line.charAt(from) == ',')) {
                from++;
            }
            while (to > from && (Character.isWhitespace(line.charAt(to - 1)) || line.charAt(to - 1) == ',')) {
                to--;
            }
            String text = line.substring(from, to);
            if (!text.isEmpty() && !text.equals("]")) {
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    break; // cut off mid-write: redone
                }
                if (node == null || !node.isObject() || !node.path("path").isTextual()
                        || (format == Format.JSONL && !terminated)) {
                    break;
                }
                checkModel(node.path("model").asText(), node.path("encoder").asText(), model, encoder);
                done.add(node.get("path").asText());
                keep = format == Format.JSONL ? end + 1 : pos + to;
            } else if (text.equals("]")) {
                break;
            }
            pos = end + 1;
        }
        return new Resume(keep, done, done.size());
    }

    private static Resume resumeText(String content) {
        List<Integer> starts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int pos = 0;
        while (pos < content.length()) {
            int end = content.indexOf('\n', pos);
            if (end < 0) {
                break;
            }
            if (end > pos && content.charAt(pos) != ' ') {
                starts.add(pos);
                paths.add(content.substring(pos, end));
            }
            pos = end + 1;
        }
        if (starts.isEmpty()) {
            return new Resume(0, Set.of(), 0);
        }
        int keep = starts.get(starts.size() - 1);
        Set<String> done = new LinkedHashSet<>(paths.subList(0, paths.size() - 1));
        return new Resume(keep, done, paths.size() - 1);
    }
}
