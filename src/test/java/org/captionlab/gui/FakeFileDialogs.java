package org.captionlab.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.captionlab.gui.export.TextFilePolicy;

/** Answers the dialogs with prepared paths (empty = the user cancelled). */
final class FakeFileDialogs implements FileDialogs {

    List<Path> images = List.of();
    Path folder;
    Path modelFolder;
    Path encoderWeights;
    /** The folder the last image dialog was opened in. */
    Path imagesOpenedIn;
    Path projectToOpen;
    Path projectToSave;
    Path references;
    Path exportFile;
    /** The answer to the overwrite question; null = cancel. */
    TextFilePolicy textFilePolicy = TextFilePolicy.SKIP_EXISTING;
    /** How often the overwrite question was asked, and with what counts. */
    final List<int[]> textFileQuestions = new java.util.ArrayList<>();

    @Override
    public List<Path> chooseImages(Path initialFolder) {
        imagesOpenedIn = initialFolder;
        return images;
    }

    @Override
    public Optional<Path> chooseFolder(Path initialFolder) {
        return Optional.ofNullable(folder);
    }

    @Override
    public Optional<Path> chooseEncoderWeights(Path initialFolder) {
        return Optional.ofNullable(encoderWeights);
    }

    @Override
    public Optional<Path> chooseModelFolder(Path initialFolder) {
        return Optional.ofNullable(modelFolder);
    }

    @Override
    public Optional<Path> chooseProjectToOpen(Path initialFolder) {
        return Optional.ofNullable(projectToOpen);
    }

    @Override
    public Optional<Path> chooseProjectToSave(Path initialFolder, String suggestedName) {
        return Optional.ofNullable(projectToSave);
    }

    @Override
    public Optional<Path> chooseReferences(Path initialFolder) {
        return Optional.ofNullable(references);
    }

    @Override
    public Optional<Path> chooseExportFile(Path initialFolder, String suggestedName) {
        return Optional.ofNullable(exportFile);
    }

    @Override
    public Optional<TextFilePolicy> askTextFilePolicy(int existing, int total) {
        textFileQuestions.add(new int[] {existing, total});
        return Optional.ofNullable(textFilePolicy);
    }
}
