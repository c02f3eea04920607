package org.captionlab.imaging;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;
import org.captionlab.image.ImageConversions;

/**
 * An RGB image in linear light: three planes of {@code float} radiance, row-major, 0 = black and 1 =
 * the sensor's full well (values may leave [0, 1] between stages; {@link #toSrgb()} clips).
 *
 * <p>Mutable only through {@link #plane(int)} by the stage that made it; stages never modify their input.
 */
public final class LinearImage {

    private final int width;
    private final int height;
    private final float[][] planes;

    /** A black image. */
    public LinearImage(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.planes = new float[3][width * height];
    }

    /** An image filled with one linear value in every channel (tests). */
    public static LinearImage constant(int width, int height, float value) {
        LinearImage img = new LinearImage(width, height);
        for (float[] p : img.planes) {
            Arrays.fill(p, value);
        }
        return img;
    }

    /** Decodes 8-bit sRGB pixels to linear light ({@link Srgb#decode}). */
    public static LinearImage fromSrgb(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        byte[] rgb = ImageConversions.toRgbBytes(image);
        LinearImage out = new LinearImage(image.getWidth(), image.getHeight());
        float[] r = out.planes[0];
        float[] g = out.planes[1];
        float[] b = out.planes[2];
        for (int i = 0, o = 0; i < r.length; i++) {
            r[i] = Srgb.decode(rgb[o++] & 0xff);
            g[i] = Srgb.decode(rgb[o++] & 0xff);
            b[i] = Srgb.decode(rgb[o++] & 0xff);
        }
        return out;
    }

    /** Encodes to 8-bit sRGB ({@link Srgb#encode}), clipping to [0, 1]. */
    public BufferedImage toSrgb() {
        int[] pixels = new int[width * height];
        float[] r = planes[0];
        float[] g = planes[1];
        float[] b = planes[2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Srgb.encode(r[i]) << 16 | Srgb.encode(g[i]) << 8 | Srgb.encode(b[i]);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, pixels, 0, width);
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue), row-major; the array itself, not a copy. */
    public float[] plane(int c) {
        return planes[c];
    }

    /** Linear value at (x, y) of channel c. */
    public float get(int c, int x, int y) {
        return planes[c][y * width + x];
    }

    /** A deep copy. */
    public LinearImage copy() {
        LinearImage out = new LinearImage(width, height);
        for (int c = 0; c < 3; c++) {
            System.arraycopy(planes[c], 0, out.planes[c], 0, planes[c].length);
        }
        return out;
    }

    /** True when both images have the same size and bit-identical values. */
    public boolean sameAs(LinearImage other) {
        return other != null && width == other.width && height == other.height
                && Arrays.deepEquals(planes, other.planes);
    }
}
