package org.captionlab.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Objects;

/** Pixel-format helpers shared by the loader, the resizer and the encoders. */
public final class ImageConversions {

    private ImageConversions() {
    }

    /**
     * The image as 8-bit {@link BufferedImage#TYPE_INT_RGB}. Any alpha is composited on white (a
     * transparent logo on black would otherwise look like a black square to the encoder); the
     * same instance is returned when it already has that type.
     */
    public static BufferedImage toIntRgb(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * The image mirrored left-right, as a new {@link BufferedImage#TYPE_INT_RGB} image of the same size: pixel
     * (x, y) of the result is pixel (width − 1 − x, y) of {@code image}. Training draws it as a second view of a
     * photo (a dog running left is still a dog running); it works on the decoded pixels so that every other
     * step of preprocessing (the encoder's own resizing) stays the same as for the plain photo.
     */
    public static BufferedImage mirrored(BufferedImage image) {
        BufferedImage rgb = toIntRgb(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] flipped = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                flipped[x] = row[w - 1 - x];
            }
            out.setRGB(0, y, w, 1, flipped, 0, w);
        }
        return out;
    }

    /**
     * The pixels as interleaved R, G, B bytes, row-major (the layout of an NHWC uint8 tensor with
     * batch 1).
     */
    public static byte[] toRgbBytes(BufferedImage image) {
        BufferedImage rgb = toIntRgb(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRaster().getDataBuffer() instanceof DataBufferInt db && isPacked(rgb)
                ? db.getData()
                : rgb.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0, o = 0; i < w * h; i++) {
            int p = pixels[i];
            out[o++] = (byte) (p >> 16);
            out[o++] = (byte) (p >> 8);
            out[o++] = (byte) p;
        }
        return out;
    }

    /** True when the int buffer holds exactly w×h pixels from offset 0 (not a sub-image view). */
    private static boolean isPacked(BufferedImage rgb) {
        var raster = rgb.getRaster();
        return raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getDataBuffer().getSize() == rgb.getWidth() * rgb.getHeight();
    }
}
