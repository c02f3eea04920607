package org.captionlab.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.captionlab.gui.export.TextFilePolicy;
import org.captionlab.service.Images;
import org.captionlab.gui.project.ProjectStore;

/** {@link FileDialogs} with the platform's native choosers. */
public final class FxFileDialogs implements FileDialogs {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to (looked up when a dialog opens, so it may be set later) */
    public FxFileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public List<Path> chooseImages(Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open images");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", Images.EXTENSIONS.stream()
                        .flatMap(e -> java.util.stream.Stream.of("*." + e, "*." + e.toUpperCase(java.util.Locale.ROOT))).toList()),
                new FileChooser.ExtensionFilter("All files", "*"));
        setInitial(chooser, initialFolder);
        List<File> files = chooser.showOpenMultipleDialog(owner.get());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFolder(Path initialFolder) {
        return chooseDirectory("Open a folder of photos", initialFolder);
    }

    @Override
    public Optional<Path> chooseModelFolder(Path initialFolder) {
        return chooseDirectory("Open a caption model (the folder with manifest.json, or an ensemble folder with ensemble.txt)", initialFolder);
    }

    @Override
    public Optional<Path> chooseEncoderWeights(Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Locate the encoder weights (" + org.captionlab.service.EncoderFiles.MODEL_FILE + ")");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("TFLite models", "*.tflite"),
                new FileChooser.ExtensionFilter("All files", "*"));
        setInitial(chooser, initialFolder);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseProjectToOpen(Path initialFolder) {
        FileChooser chooser = projectChooser("Open project", initialFolder);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseProjectToSave(Path initialFolder, String suggestedName) {
        FileChooser chooser = projectChooser("Save project as", initialFolder);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseReferences(Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load reference captions");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Reference captions (Flickr8k, COCO, Karpathy, CSV)", "*.txt", "*.csv", "*.json", "*.token"),
                new FileChooser.ExtensionFilter("All files", "*"));
        setInitial(chooser, initialFolder);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseExportFile(Path initialFolder, String suggestedName) {
        FileChooser chooser = new FileChooser();
        boolean json = suggestedName.endsWith(".json");
        chooser.setTitle(json ? "Export COCO results" : "Export captions as CSV");
        chooser.getExtensionFilters().addAll(json
                        ? new FileChooser.ExtensionFilter("COCO results (JSON)", "*.json")
                        : new FileChooser.ExtensionFilter("CSV (UTF-8)", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooser.setInitialFileName(suggestedName);
        setInitial(chooser, initialFolder);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<TextFilePolicy> askTextFilePolicy(int existing, int total) {
        ButtonType skip = new ButtonType("Keep existing files", ButtonBar.ButtonData.YES);
        ButtonType overwrite = new ButtonType("Overwrite them", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", skip, overwrite, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("Caption files exist");
        alert.setHeaderText(existing + " of the " + total + " photos already have a .txt caption file beside them.");
        alert.setContentText("Keep them and write only the missing ones, or overwrite them with the captions shown in CaptionLab?");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return Optional.empty();
        }
        return Optional.of(answer.get() == overwrite ? TextFilePolicy.OVERWRITE : TextFilePolicy.SKIP_EXISTING);
    }

    private Optional<Path> chooseDirectory(String title, Path initialFolder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    private static FileChooser projectChooser(String title, Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("CaptionLab projects", "*.json", ProjectStore.FILE_NAME),
                new FileChooser.ExtensionFilter("All files", "*"));
        setInitial(chooser, initialFolder);
        return chooser;
    }

    private static void setInitial(FileChooser chooser, Path folder) {
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
    }
}
