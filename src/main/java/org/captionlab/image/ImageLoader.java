package org.captionlab.image;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads image files (JPEG, PNG, BMP, GIF, and whatever else ImageIO reads) into upright 8-bit
 * {@link BufferedImage#TYPE_INT_RGB} images, the one pixel format the rest of the app handles.
 *
 * <ul>
 *   <li>EXIF orientation (all 8 values) is applied, so phone photos are upright as viewers show them.
 *   <li>Grayscale, 16-bit, indexed and CMYK/YCCK JPEGs (via the TwelveMonkeys ImageIO plugin) are
 *       converted to RGB; alpha is composited on white.
 *   <li>GIF and other multi-frame files yield their first frame.
 *   <li>The pixel count is checked from the header before decoding, so a small file claiming huge
 *       dimensions cannot exhaust memory.
 * </ul>
 * Every failure is an {@link ImageLoadException} whose message is one sentence naming the file.
 * Instances are immutable and thread-safe.
 */
public final class ImageLoader {

    /** Default pixel-count limit: 100 megapixels (a 400 MB RGB buffer). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    private final long maxPixels;

    /** A loader with the {@linkplain #DEFAULT_MAX_PIXELS default} pixel limit. */
    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A loader refusing images with more than {@code maxPixels} pixels. */
    public ImageLoader(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** The pixel-count limit. */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Loads an image file as upright 8-bit RGB.
     *
     * @throws ImageLoadException if the file is missing, empty, not a readable image, truncated or
     *     corrupt, or larger than the limit
     */
    public BufferedImage load(Path file) throws ImageLoadException {
        Objects.requireNonNull(file, "file");
        checkFile(file);
        BufferedImage decoded = decode(file);
        int orientation = exifOrientation(file);
        BufferedImage rgb = ImageConversions.toIntRgb(decoded);
        return Orientation.apply(rgb, orientation);
    }

    private static void checkFile(Path file) throws ImageLoadException {
        if (!Files.exists(file)) {
            throw new ImageLoadException(file, "the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageLoadException(file, "it is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageLoadException(file, "the file cannot be read (permission denied)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageLoadException(file, "the file is empty (0 bytes)");
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageLoadException(file, "the file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private BufferedImage decode(Path file) throws ImageLoadException {
        File f = file.toFile();
        try (ImageInputStream in = ImageIO.createImageInputStream(f)) {
            if (in == null) {
                throw new ImageLoadException(file, "the file cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageLoadException(file, "it is not an image in a supported format (JPEG, PNG, BMP or GIF)");
            }
            // The first reader is the preferred one: TwelveMonkeys orders its JPEG reader before the
            // JDK's, which cannot decode CMYK/YCCK.
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageLoadException(file, "the " + format + " header is corrupt (" + describe(e) + ")", e);
                }
                checkSize(file, width, height);

                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collector(warnings));
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageLoadException(file, "the " + format + " data is truncated or corrupt ("
                            + describe(e) + ")", e);
                }
                for (String warning : warnings) {
                    // libjpeg reports a cut-off file only as a warning and fills the rest with gray:
                    // a half-gray photo would silently get a wrong caption.
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new ImageLoadException(file, "the " + format + " data is truncated (" + warning + ")");
                    }
                }
                for (String warning : warnings) {
                    LOG.warn("image '{}': {}", file, warning);
                }
                if (image == null) {
                    throw new ImageLoadException(file, "the " + format + " data could not be decoded");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageLoadException(file, "the file cannot be read (" + describe(e) + ")", e);
        }
    }

    private void checkSize(Path file, int width, int height) throws ImageLoadException {
        if (width <= 0 || height <= 0) {
            throw new ImageLoadException(file, "the header gives an invalid size of " + width + "×" + height + " pixels");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageLoadException(file, width + "×" + height + " pixels (" + megapixels(pixels)
                    + ") exceeds the limit of " + megapixels(maxPixels));
        }
    }

    /** "100 megapixels", "3.6 megapixels", or plain pixels below one megapixel. */
    static String megapixels(long pixels) {
        if (pixels < 1_000_000L) {
            return pixels + " pixels";
        }
        if (pixels % 1_000_000L == 0) {
            return pixels / 1_000_000L + " megapixels";
        }
        return String.format(Locale.ROOT, "%.1f megapixels", pixels / 1_000_000.0);
    }

    private static String describe(Throwable e) {
        String msg = e instanceof IIOException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = e.getMessage();
        }
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    /**
     * The EXIF orientation (1..8) or 1 when the file has none. Metadata problems never fail a load:
     * the pixels decoded fine, and an upright guess is better than no image.
     */
    static int exifOrientation(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int orientation = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            if (orientation < 1 || orientation > 8) {
                LOG.warn("image '{}': ignoring invalid EXIF orientation {}", file, orientation);
                return 1;
            }
            return orientation;
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException e) {
            LOG.debug("image '{}': no usable EXIF orientation ({})", file, e.toString());
            return 1;
        }
    }
}
