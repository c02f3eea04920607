package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.captionlab.image.ImageFiles;
import org.captionlab.image.ImageLoadException;
import org.captionlab.image.ImageLoader;
import org.captionlab.image.ImageResizer;

/**
 * The image side of the pipeline as the app needs it outside captioning: which files are photos, and
 * upright previews decoded the way the encoder sees the photo (EXIF orientation, colour conversion,
 * size limits). Thread-safe; the loading methods do file I/O.
 */
public final class Images {

    /** File extensions the app and the CLI read as images (lower case, without the dot). */
    public static final Set<String> EXTENSIONS = ImageFiles.EXTENSIONS;

    /** The formats read, in words for messages ("JPEG, PNG, BMP, GIF or TIFF"). */
    public static final String SUPPORTED_FORMATS = ImageFiles.SUPPORTED_FORMATS;

    private static final ImageLoader LOADER = new ImageLoader();

    private Images() {
    }

    /** The images among files and folders (folders recursively), and how many other files were skipped. */
    public static ImageFiles.Listing collect(List<Path> inputs) throws IOException {
        return ImageFiles.collect(inputs);
    }

    /**
     * What a special file is in words ("a FIFO (named pipe)", "a socket", "a character device"...), or null
     * for a regular file or folder.
     */
    public static String specialKind(Path file) {
        return ImageFiles.specialKind(file);
    }

    /**
     * Loads a photo upright in 8-bit RGB, as the encoder sees it before resizing.
     *
     * @throws ImageLoadException with one sentence naming the file when it is not a usable image
     */
    public static BufferedImage load(Path file) throws ImageLoadException {
        return LOADER.load(file);
    }

    /**
     * Loads a photo upright in 8-bit RGB and shrinks it to fit within {@code maxWidth × maxHeight}
     * (never enlarges).
     *
     * @throws ImageLoadException with one sentence naming the file when it is not a usable image
     */
    public static BufferedImage preview(Path file, int maxWidth, int maxHeight) throws ImageLoadException {
        return ImageResizer.fitWithin(LOADER.load(file), maxWidth, maxHeight);
    }
}
