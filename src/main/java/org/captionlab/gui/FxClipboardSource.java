package org.captionlab.gui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;

/** {@link ClipboardSource} over the JavaFX system clipboard (FX thread only). */
public final class FxClipboardSource implements ClipboardSource {

    @Override
    public List<Path> files() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        return clipboard.hasFiles() ? clipboard.getFiles().stream().map(File::toPath).toList() : List.of();
    }

    @Override
    public Optional<BufferedImage> image() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (!clipboard.hasImage()) {
            return Optional.empty();
        }
        Image image = clipboard.getImage();
        return image == null || image.isError() ? Optional.empty() : Optional.ofNullable(SwingFXUtils.fromFXImage(image, null));
    }
}
