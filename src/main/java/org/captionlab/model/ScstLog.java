package org.captionlab.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.captionlab.util.AtomicFiles;

/**
 * The per-epoch log of self-critical fine-tuning, {@code scst-log.csv} in the fine-tuned bundle's folder, beside
 * the cross-entropy phase's {@link TrainingLog} (the app plots both). A plain CSV with a header; row 0 is the
 * starting model.
 *
 * <p>The columns are defined once ({@link #COLUMNS}) for writing and reading; reading goes by the header's names,
 * not by position, so a log with its columns in another order or with extra columns (a later version's) still
 * reads — the same rules as {@link TrainingLog}.
 */
public final class ScstLog {

    /** File name of the SCST log in a bundle folder. */
    public static final String FILE_NAME = "scst-log.csv";

    /** One column: its header name, how it is printed and where its value comes from. */
    private record Column(String name, String format, ToDoubleFunction<ScstEpochStats> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("epoch", "%.0f", ScstEpochStats::epoch),
            new Column("mean_reward", "%.6f", ScstEpochStats::meanReward),
            new Column("degenerate_samples", "%.6f", ScstEpochStats::degenerateSamples),
            new Column("val_bleu4", "%.6f", ScstEpochStats::valBleu4),
            new Column("val_cider_d", "%.6f", ScstEpochStats::valCiderD),
            new Column("distinct_captions", "%.4f", ScstEpochStats::distinctCaptions),
            new Column("distinct_words", "%.0f", ScstEpochStats::distinctWords),
            new Column("degenerate_captions", "%.4f", ScstEpochStats::degenerateCaptions),
            new Column("seconds", "%.1f", ScstEpochStats::seconds));

    /** Header of the CSV file. */
    public static final String HEADER = String.join(",", COLUMNS.stream().map(Column::name).toList());

    private ScstLog() {
    }

    /** One epoch as a row of the log, without the line end. */
    public static String row(ScstEpochStats s) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (Column c : COLUMNS) {
            cells.add(String.format(Locale.ROOT, c.format(), c.value().applyAsDouble(s)));
        }
        return String.join(",", cells);
    }

    /** Writes the whole log (header and rows) atomically, replacing any earlier file. */
    public static void write(Path file, List<ScstEpochStats> rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (ScstEpochStats r : rows) {
            sb.append(row(r)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Appends one epoch to a log {@link #write} started; flushed at once, so a crash keeps it. */
    public static void append(Path file, ScstEpochStats s) throws IOException {
        Files.writeString(file, row(s) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Reads a log back (for resuming and for the app's plots), by the header's column names. */
    public static List<ScstEpochStats> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("SCST log '" + file + "' is empty (no header)");
        }
        String[] header = lines.get(0).replace("\uFEFF", "").trim().split(",");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].trim(), i);
        }
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            Integer i = index.get(COLUMNS.get(c).name());
            if (i == null) {
                throw new IOException("SCST log '" + file + "' has no column '" + COLUMNS.get(c).name()
                        + "' in its header");
            }
            at[c] = i;
        }
        List<ScstEpochStats> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new IOException("SCST log '" + file + "' line " + (n + 1) + ": expected " + header.length
                        + " fields as in the header, found " + f.length);
            }
            try {
                double[] v = new double[at.length];
                for (int c = 0; c < at.length; c++) {
                    v[c] = Double.parseDouble(f[at[c]].trim());
                }
                out.add(new ScstEpochStats((int) v[0], v[1], v[2], v[3], v[4], v[5], (int) v[6], v[7], v[8]));
            } catch (NumberFormatException e) {
                throw new IOException("SCST log '" + file + "' line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
