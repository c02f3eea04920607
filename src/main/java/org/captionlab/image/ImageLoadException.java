package org.captionlab.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image file that cannot be used. The message is one sentence for the user naming the file and
 * what is wrong, e.g. {@code image 'a.png': 50000×50000 pixels exceeds the limit of 100 megapixels}.
 */
public class ImageLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ImageLoadException(Path file, String reason) {
        super("image '" + file + "': " + reason);
        this.file = file;
    }

    public ImageLoadException(Path file, String reason, Throwable cause) {
        super("image '" + file + "': " + reason, cause);
        this.file = file;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
