package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.captionlab.model.Manifest;
import org.captionlab.model.EpochStats;
import org.captionlab.model.TrainingLog;

/**
 * What a model bundle says about how it was made: its manifest (provenance, recorded metrics) and its
 * per-epoch training log. Either may be missing (a bundle from elsewhere) or unreadable; {@code problems}
 * then says which file and why, and the rest is still shown.
 *
 * @param name      the model's name as the app shows it
 * @param directory the bundle folder
 * @param manifest  the manifest, or null
 * @param epochs    the training log's rows, oldest first (empty without a log)
 * @param problems  one sentence per file that could not be read
 */
public record ModelReport(String name, Path directory, Manifest manifest, List<EpochStats> epochs, List<String> problems) {

    /** File name of the training log in a bundle, as {@code train} writes it. */
    public static final String LOG_FILE = TrainingLog.FILE_NAME;

    public ModelReport {
        Objects.requireNonNull(name, "name");
        epochs = List.copyOf(epochs);
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
        return new ModelReport(name, directory, manifest, epochs, problems);
    }
}
