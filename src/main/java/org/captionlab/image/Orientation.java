package org.captionlab.image;

import java.awt.image.BufferedImage;

/**
 * Applies an EXIF orientation (TIFF/EXIF tag 0x0112) so that the image is upright. The values say
 * where the stored image's first row and first column belong visually:
 * <pre>
 *   1 row 0 = top,    column 0 = left    (as stored)
 *   2 row 0 = top,    column 0 = right   (mirror horizontally)
 *   3 row 0 = bottom, column 0 = right   (rotate 180°)
 *   4 row 0 = bottom, column 0 = left    (mirror vertically)
 *   5 row 0 = left,   column 0 = top     (transpose)
 *   6 row 0 = right,  column 0 = top     (rotate 90° clockwise)
 *   7 row 0 = right,  column 0 = bottom  (transverse)
 *   8 row 0 = left,   column 0 = bottom  (rotate 90° counter-clockwise)
 * </pre>
 * Pixels are moved exactly (no interpolation).
 */
final class Orientation {

    private Orientation() {
    }

    /** The upright image for {@code orientation} (1..8); {@code image} itself for 1. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                dst[y * outW + x] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, outW, outH, dst, 0, outW);
        return out;
    }
}
