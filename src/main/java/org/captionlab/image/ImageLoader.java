package org.captionlab.image;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
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
 *   <li>Large images are decoded subsampled (ImageIO source subsampling: every n-th pixel of every n-th
 *       row) so that the decoded picture fits a memory budget per image ({@link #decodeBudgetPixels}), far
 *       more than the encoder's 224×224 needs; running out of memory anyway fails that image only.
 *   <li>Decoder warnings come back with the image ({@link #read}); warnings that say the data is
 *       broken ("bad Huffman code", "premature end", "missing EOI marker") refuse the file with a
 *       {@link DamagedImageException}, unless the loader was made {@linkplain #acceptingDamaged accepting
 *       damaged files}.
 *   <li>FIFOs, sockets and devices are refused before anything reads them (reading a FIFO would block).
 * </ul>
 * Every failure is an {@link ImageLoadException} whose message is one sentence naming the file.
 * Instances are immutable and thread-safe.
 */
public final class ImageLoader {

    /** Default pixel-count limit: 100 megapixels (a 400 MB RGB buffer). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    /** Upper bound of the per-image decode budget, in pixels (a 40 MP picture is decoded whole). */
    public static final long MAX_DECODE_BUDGET_PIXELS = 40_000_000L;

    /**
     * An image with what the decoder said about it.
     *
     * @param image    upright 8-bit RGB
     * @param warnings the decoder's warnings (a damaged file accepted anyway, extraneous bytes...), empty for a
     *                 clean file
     * @param subsampling 1 when decoded at full size, n when every n-th pixel of every n-th row was decoded
     */
    public record Loaded(BufferedImage image, List<String> warnings, int subsampling) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private final long maxPixels;
    private final long budgetPixels;
    private final boolean acceptDamaged;

    /** A loader with the {@linkplain #DEFAULT_MAX_PIXELS default} pixel limit. */
    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A loader refusing images with more than {@code maxPixels} pixels. */
    public ImageLoader(long maxPixels) {
        this(maxPixels, defaultDecodeBudget(), false);
    }

    private ImageLoader(long maxPixels, long budgetPixels, boolean acceptDamaged) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (budgetPixels <= 0) {
            throw new IllegalArgumentException("budgetPixels must be positive, got " + budgetPixels);
        }
        this.maxPixels = maxPixels;
        this.budgetPixels = budgetPixels;
        this.acceptDamaged = acceptDamaged;
    }

    /**
     * The default budget: 1/64 of the heap in pixels (a decoded pixel costs up to 16 bytes on its way to
     * RGB: 16-bit RGBA, the RGB copy, the upright copy), between 1 and {@value #MAX_DECODE_BUDGET_PIXELS}
     * pixels. Under {@code -Xmx512m} that is 8.4 megapixels, under {@code -Xmx1g} 16.8.
     */
    public static long defaultDecodeBudget() {
        long heap = Runtime.getRuntime().maxMemory();
        return Math.max(1_000_000L, Math.min(MAX_DECODE_BUDGET_PIXELS, heap / 64));
    }

    /** The same loader decoding at most {@code pixels} pixels per image (larger ones are subsampled). */
    public ImageLoader withDecodeBudget(long pixels) {
        return new ImageLoader(maxPixels, pixels, acceptDamaged);
    }

    /** The same loader, returning damaged images (with their warnings) instead of refusing them. */
    public ImageLoader acceptingDamaged(boolean accept) {
        return new ImageLoader(maxPixels, budgetPixels, accept);
    }

    /** The per-image decode budget in pixels. */
    public long decodeBudgetPixels() {
        return budgetPixels;
    }

    /** The subsampling that brings a {@code width}×{@code height} picture within {@code budget} pixels. */
    static int subsampling(int width, int height, long budget) {
        long pixels = (long) width * height;
        int s = 1;
        while (pixels > budget && s < Math.min(width, height)
                && ceilDiv(width, s) * ceilDiv(height, s) > budget) {
            s++;
        }
        return s;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
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
        Loaded loaded = read(file);
        for (String warning : loaded.warnings()) {
            LOG.warn("image '{}': {}", file, warning);
        }
        return loaded.image();
    }

    /**
     * Loads an image file as upright 8-bit RGB, with the decoder's warnings.
     *
     * @throws DamagedImageException if the decoder's warnings say the data is broken (unless accepted)
     * @throws ImageLoadException if the file is missing, not a regular file, empty, not a readable image,
     *     truncated or corrupt, larger than the limit, or there is not enough memory to decode it
     */
    public Loaded read(Path file) throws ImageLoadException {
        Objects.requireNonNull(file, "file");
        checkFile(file);
        try {
            Decoded decoded = decode(file);
            int orientation = exifOrientation(file);
            BufferedImage rgb = ImageConversions.toIntRgb(decoded.image());
            return new Loaded(Orientation.apply(rgb, orientation), decoded.warnings(), decoded.subsampling());
        } catch (OutOfMemoryError e) {
            // The big arrays of this image are unreachable once this frame is left: the next image gets the memory.
            throw new ImageLoadException(file, "there is not enough memory to decode it (the Java heap is "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; run with a larger -Xmx)", e);
        }
    }

    /**
     * Checks that {@code file} is a readable regular file before anything opens it: FIFOs, sockets and
     * devices are refused (reading a FIFO blocks until someone writes to it).
     *
     * @throws ImageLoadException naming the file and what it is
     */
    public static void checkFile(Path file) throws ImageLoadException {
        if (!Files.exists(file)) {
            throw new ImageLoadException(file, Files.isSymbolicLink(file)
                    ? "it is a symbolic link to a file that does not exist" : "the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            String kind = ImageFiles.specialKind(file);
            throw new ImageLoadException(file, kind != null
                    ? "it is " + kind + ", not a file: name the image files themselves"
                    : "it is not a regular file");
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

    private record Decoded(BufferedImage image, List<String> warnings, int subsampling) {
    }

    /** True when a decoder warning means that pixels were lost or made up (not just odd metadata). */
    public static boolean isDamageWarning(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("extraneous bytes")) {
            // Before a restart marker or the end of the image, the scan data ended early: the entropy-coded
            // data is damaged (fuzzing: median PSNR 14 dB against the original). Before other markers it is
            // garbage between segments, which the decoder skips: the picture is whole.
            return w.matches(".*before marker 0xd[0-9].*");
        }
        return w.contains("corrupt") || w.contains("premature end") || w.contains("missing eoi")
                || w.contains("huffman") || w.contains("truncated") || w.contains("invalid sos")
                || w.contains("inconsistent progression") || w.contains("bogus");
    }

    private Decoded decode(Path file) throws ImageLoadException {
        File f = file.toFile();
        try (ImageInputStream in = ImageIO.createImageInputStream(f)) {
            if (in == null) {
                throw new ImageLoadException(file, "the file cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageLoadException(file, "it is not an image in a supported format ("
                        + ImageFiles.SUPPORTED_FORMATS + ")");
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
                int subsampling = subsampling(width, height, budgetPixels);
                ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                    LOG.info("image '{}': {}×{} pixels decoded at 1/{} ({}×{}) to stay within {}", file, width, height,
                            subsampling, ceilDiv(width, subsampling), ceilDiv(height, subsampling), megapixels(budgetPixels));
                }
                BufferedImage image;
                try {
                    image = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    throw new ImageLoadException(file, "the " + format + " data is truncated or corrupt ("
                            + describe(e) + ")", e);
                }
                if (image == null) {
                    throw new ImageLoadException(file, "the " + format + " data could not be decoded");
                }
                if (!acceptDamaged) {
                    for (String warning : warnings) {
                        // libjpeg reports a cut-off file or broken data only as a warning and fills the rest
                        // with gray or garbage: a half-gray photo would silently get a wrong caption.
                        if (warning.toLowerCase(Locale.ROOT).contains("premature end")
                                || warning.toLowerCase(Locale.ROOT).contains("missing eoi")) {
                            throw new DamagedImageException(file, "the " + format + " data is truncated (" + warning + ")",
                                    warnings);
                        }
                    }
                    for (String warning : warnings) {
                        if (isDamageWarning(warning)) {
                            throw new DamagedImageException(file, "the " + format + " data is damaged (" + warning
                                    + "), so part of the picture would be garbage", warnings);
                        }
                    }
                }
                return new Decoded(image, warnings, subsampling);
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
     * Loads the image stack's classes and native code (ImageIO's plugin registry, TwelveMonkeys' JPEG reader,
     * metadata-extractor, Java2D's conversion loops, imgscalr) by loading and squashing a bundled 16×16 JPEG, so that
     * a background thread can do it while the process is still starting (about a tenth of a second of every cold
     * start otherwise spent before the first photo). Failures are only logged: the real load reports them.
     */
    public static void preload() {
        Path tmp = null;
        try (InputStream in = ImageLoader.class.getResourceAsStream("warmup.jpg")) {
            if (in == null) {
                return;
            }
            tmp = Files.createTempFile("captionlab-warmup", ".jpg");
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ImageResizer.squash(new ImageLoader().load(tmp), 224, 224);
        } catch (IOException | RuntimeException e) {
            LOG.debug("image stack preload failed", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("could not delete {}", tmp, e);
                }
            }
        }
    }

    /** True when the file starts with a JPEG SOI marker. */
    private static boolean isJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0xFF && in.read() == 0xD8;
        }
    }

    /**
     * The EXIF orientation (1..8) or 1 when the file has none. Metadata problems never fail a load:
     * the pixels decoded fine, and an upright guess is better than no image.
     */
    static int exifOrientation(Path file) {
        try {
            Metadata metadata = isJpeg(file)
                    // Only the EXIF segment: the generic reader also parses XMP (starting the JDK's XML parser, about
                    // 0.15 s at the first photo of a run), ICC, IPTC and Photoshop segments, none of which holds
                    // the orientation.
                    ? JpegMetadataReader.readMetadata(file.toFile(), List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(file.toFile());
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
