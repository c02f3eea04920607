package org.captionlab.gui.library;

import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/**
 * One photo's thumbnail (or preview) as it loads in the background: the image is null until it is
 * decoded, then the upright, scaled picture; if the photo cannot be read the {@link #errorProperty error}
 * says why (one sentence naming the file) and the image stays null. Properties change on the FX thread.
 */
public final class Thumbnail {

    private final Path path;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    Thumbnail(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /** The picture, or null while loading or after a failure. */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Why the photo could not be shown, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True once the image is there or loading failed. */
    public boolean isDone() {
        return image.get() != null || error.get() != null;
    }

    void loaded(Image value) {
        image.set(value);
    }

    void failed(String message) {
        error.set(message);
    }
}
