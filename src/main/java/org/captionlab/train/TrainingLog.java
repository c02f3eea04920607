package org.captionlab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch training log, {@code training-log.csv} in the model folder (the app plots it). A
 * plain CSV with a header; rows are appended and flushed after every epoch so a crash keeps them.
 */
public final class TrainingLog {

    /** Header of the CSV file. */
    public static final String HEADER =
            "epoch,train_loss,val_loss,val_perplexity,val_bleu4,val_cider_d,grad_norm_mean,grad_norm_max,spectral_radius_whh,seconds";

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

    /** Appends one epoch. */
    public void append(EpochStats s) throws IOException {
        String row = String.format(Locale.ROOT, "%d,%.6f,%.6f,%.4f,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f%n",
                s.epoch(), s.trainLoss(), s.valLoss(), s.valPerplexity(), s.valBleu4(), s.valCiderD(),
                s.gradNormMean(), s.gradNormMax(), s.spectralRadius(), s.seconds());
        Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Reads a log back (for resuming and for the app's plots). */
    public static List<EpochStats> read(Path file) throws IOException {
        List<EpochStats> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 10) {
                throw new IOException("training log '" + file + "' line " + (i + 1) + ": expected 10 fields, found " + f.length);
            }
            try {
                out.add(new EpochStats(Integer.parseInt(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]),
                        d(f[7]), d(f[8]), d(f[9])));
            } catch (NumberFormatException e) {
                throw new IOException("training log '" + file + "' line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }
}
