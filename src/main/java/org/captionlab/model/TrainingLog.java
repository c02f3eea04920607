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

/**
 * The per-epoch training log, {@code training-log.csv} in the model folder (the app plots it). A plain CSV
 * with a header; rows are appended and flushed after every epoch so a crash keeps them.
 *
 * <p>The columns are defined once ({@link #COLUMNS}): writing, the console's echo of a row and reading all
 * use them. Reading goes by the header's names, not by position, so a log with its columns in another
 * order or with extra columns (a later version's) still reads.
 */
public final class TrainingLog {

    /** File name of the training log in a bundle folder. */
    public static final String FILE_NAME = "training-log.csv";

    /** One column: its header name, how it is printed and where its value comes from. */
    private record Column(String name, String format, ToDoubleFunction<EpochStats> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("epoch", "%.0f", EpochStats::epoch),
            new Column("train_loss", "%.6f", EpochStats::trainLoss),
            new Column("val_loss", "%.6f", EpochStats::valLoss),
            new Column("val_perplexity", "%.4f", EpochStats::valPerplexity),
            new Column("val_bleu4", "%.6f", EpochStats::valBleu4),
            new Column("val_cider_d", "%.6f", EpochStats::valCiderD),
            new Column("grad_norm_mean", "%.6f", EpochStats::gradNormMean),
            new Column("grad_norm_max", "%.6f", EpochStats::gradNormMax),
            new Column("spectral_radius_whh", "%.6f", EpochStats::spectralRadius),
            new Column("seconds", "%.1f", EpochStats::seconds));

    /** Header of the CSV file. */
    public static final String HEADER = String.join(",", COLUMNS.stream().map(Column::name).toList());

    private final Path file;

    /** A log at {@code file}; {@code append} keeps existing rows (resumed training). */
    public TrainingLog(Path file, boolean append) throws IOException {
        this.file = file;
        if (!append || !Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
        }
    }

    public Path file() {
        return file;
    }

    /** One epoch as a row of the log, without the line end (the console prints the same row). */
    public static String row(EpochStats s) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (Column c : COLUMNS) {
            cells.add(String.format(Locale.ROOT, c.format(), c.value().applyAsDouble(s)));
        }
        return String.join(",", cells);
    }

    /** Appends one epoch. */
    public void append(EpochStats s) throws IOException {
        Files.writeString(file, row(s) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Where each of {@link #COLUMNS} stands in the file, by the header's names. */
    private static int[] columnIndices(Path file, Map<String, Integer> index) throws IOException {
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            Integer i = index.get(COLUMNS.get(c).name());
            if (i == null) {
                throw new IOException("training log '" + file + "' has no column '" + COLUMNS.get(c).name() + "' in its header");
            }
            at[c] = i;
        }
        return at;
    }

    /** Reads a log back (for resuming and for the app's plots), by the header's column names. */
    public static List<EpochStats> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("training log '" + file + "' is empty (no header)");
        }
        Map<String, Integer> index = new HashMap<>();
        String[] header = lines.get(0).replace("\uFEFF", "").trim().split(",");
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].trim(), i);
        }
        List<EpochStats> out = new ArrayList<>();
        int[] at = null; // looked up at the first row, so that a short row is reported as such
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < COLUMNS.size()) {
                throw new IOException("training log '" + file + "' line " + (n + 1) + ": expected " + COLUMNS.size()
                        + " fields, found " + f.length);
            }
            if (at == null) {
                at = columnIndices(file, index);
            }
            if (f.length != header.length) {
                throw new IOException("training log '" + file + "' line " + (n + 1) + ": expected " + header.length
                        + " fields as in the header, found " + f.length);
            }
            try {
                double[] v = new double[at.length];
                for (int c = 0; c < at.length; c++) {
                    v[c] = Double.parseDouble(f[at[c]].trim());
                }
                out.add(new EpochStats((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]));
            } catch (NumberFormatException e) {
                throw new IOException("training log '" + file + "' line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
