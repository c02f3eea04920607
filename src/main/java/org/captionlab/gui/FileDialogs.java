package org.captionlab.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.captionlab.gui.export.TextFilePolicy;

/**
 * The native file dialogs, behind an interface because they cannot be driven headless: tests pass a
 * fake that answers with prepared paths. Methods are called on the UI thread and block until the user
 * chose (as native dialogs do); {@code initialFolder} may be null.
 */
public interface FileDialogs {

    /** Image files to add; empty when cancelled. */
    List<Path> chooseImages(Path initialFolder);

    /** A folder of photos to add (walked recursively). */
    Optional<Path> chooseFolder(Path initialFolder);

    /** The encoder weights file (File → Locate encoder weights…); empty when cancelled or not offered. */
    default Optional<Path> chooseEncoderWeights(Path initialFolder) {
        return Optional.empty();
    }

    /** A caption model bundle folder (holding manifest.json). */
    Optional<Path> chooseModelFolder(Path initialFolder);

    /** An existing project file to open. */
    Optional<Path> chooseProjectToOpen(Path initialFolder);

    /** Where to save the project from now on. */
    Optional<Path> chooseProjectToSave(Path initialFolder, String suggestedName);

    /**
     * A file of reference captions: Flickr8k {@code captions.txt} or token file, COCO captions JSON,
     * Karpathy split JSON, or a CSV {@code path,caption}.
     */
    Optional<Path> chooseReferences(Path initialFolder);

    /** Where to write an export; the suggested name's extension ({@code .csv}, {@code .json}) tells the kind. */
    Optional<Path> chooseExportFile(Path initialFolder, String suggestedName);

    /**
     * Asks what to do with caption files that already exist beside the photos; empty when the user cancels
     * the whole export.
     *
     * @param existing how many {@code .txt} files exist
     * @param total    how many would be written
     */
    Optional<TextFilePolicy> askTextFilePolicy(int existing, int total);
}
