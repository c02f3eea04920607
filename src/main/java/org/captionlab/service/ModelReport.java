package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.captionlab.model.Manifest;
import org.captionlab.model.EpochStats;
import org.captionlab.model.ScstEpochStats;
import org.captionlab.model.ScstLog;
import org.captionlab.model.TrainingLog;

/**
 * What a model bundle says about how it was made: its manifest (provenance, recorded metrics), its
 * per-epoch training log and, for a bundle fine-tuned with self-critical training, the SCST phase's log. Either
 * of the first two may be missing (a bundle from elsewhere) or unreadable; {@code problems} then says which file
 * and why, and the rest is still shown. A missing SCST log is normal (most bundles are not fine-tuned) and
 * not a problem; an unreadable one is.
 *
 * @param name      the model's name as the app shows it
 * @param directory the bundle folder
 * @param manifest  the manifest, or null
 * @param epochs    the training log's rows, oldest first (empty without a log)
 * @param scstEpochs the SCST log's rows, oldest first, row 0 the starting model (empty without one)
 * @param problems  one sentence per file that could not be read
 */
public record ModelReport(String name, Path directory, Manifest manifest, List<EpochStats> epochs,
                          List<ScstEpochStats> scstEpochs, List<String> problems) {

    /** File name of the training log in a bundle, as {@code train} writes it. */
    public static final String LOG_FILE = TrainingLog.FILE_NAME;
    /** File name of the self-critical fine-tuning log in a bundle, as {@code train --scst} writes it. */
    public static final String SCST_LOG_FILE = ScstLog.FILE_NAME;

    public ModelReport {
        Objects.requireNonNull(name, "name");
        epochs = List.copyOf(epochs);
        scstEpochs = List.copyOf(scstEpochs);
        problems = List.copyOf(problems);
    }

    /** Reads the report of the bundle in {@code directory} (file I/O: call it off the UI thread). */
    public static ModelReport read(String name, Path directory) {
        List<String> problems = new ArrayList<>();
        Manifest manifest = null;
        Path manifestFile = directory.resolve(Manifest.FILE_NAME);
        if (Files.isRegularFile(manifestFile)) {
            try {
                manifest = Manifest.read(manifestFile);
            } catch (IOException | RuntimeException e) {
                problems.add("Could not read '" + manifestFile + "': " + e.getMessage());
            }
        } else {
            problems.add("The bundle has no manifest.json.");
        }
        List<EpochStats> epochs = List.of();
        Path log = directory.resolve(LOG_FILE);
        if (Files.isRegularFile(log)) {
            try {
                epochs = TrainingLog.read(log);
            } catch (IOException | RuntimeException e) {
                problems.add("Could not read '" + log + "': " + e.getMessage());
            }
        } else {
            problems.add("The bundle has no " + LOG_FILE + " (it was not trained with CaptionLab, or the log was removed).");
        }
        List<ScstEpochStats> scstEpochs = List.of();
        Path scstLog = directory.resolve(SCST_LOG_FILE);
        if (Files.isRegularFile(scstLog)) {
            try {
                scstEpochs = ScstLog.read(scstLog);
            } catch (IOException | RuntimeException e) {
                problems.add("Could not read '" + scstLog + "': " + e.getMessage());
            }
        }
        return new ModelReport(name, directory, manifest, epochs, scstEpochs, problems);
    }
}
