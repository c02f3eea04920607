package org.captionlab.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Answers the dialogs with prepared paths (empty = the user cancelled). */
final class FakeFileDialogs implements FileDialogs {

    List<Path> images = List.of();
    Path folder;
    Path modelFolder;
    Path projectToOpen;
    Path projectToSave;

    @Override
    public List<Path> chooseImages(Path initialFolder) {
        return images;
    }

    @Override
    public Optional<Path> chooseFolder(Path initialFolder) {
        return Optional.ofNullable(folder);
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
}
