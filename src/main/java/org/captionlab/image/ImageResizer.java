package org.captionlab.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

import org.imgscalr.Scalr;

/**
 * Resizing with imgscalr. Two shapes are needed: encoders take the whole image squashed to their
 * square input (Flickr8k's training images were squashed the same way, so cropping or padding here
 * would shift the feature distribution); thumbnails keep the aspect ratio inside a box.
 */
public final class ImageResizer {

    private ImageResizer() {
    }

    /**
     * The whole image scaled to exactly {@code width}×{@code height}, aspect ratio not kept. An image
     * already of that size is returned as an 8-bit RGB copy without resampling.
     */
    public static BufferedImage squash(BufferedImage image, int width, int height) {
        Objects.requireNonNull(image, "image");
        requirePositive(width, height);
        if (image.getWidth() == width && image.getHeight() == height) {
            return ImageConversions.toIntRgb(image);
        }
        // QUALITY: incremental bilinear halving when shrinking a lot, which avoids the aliasing of a
        // single bilinear step; ULTRA_QUALITY would add a blur the training images never had.
        BufferedImage scaled = Scalr.resize(ImageConversions.toIntRgb(image), Scalr.Method.QUALITY,
                Scalr.Mode.FIT_EXACT, width, height);
        return ImageConversions.toIntRgb(scaled);
    }

    /**
     * The image scaled to fit inside {@code maxWidth}×{@code maxHeight} keeping its aspect ratio
     * (never enlarged), e.g. for thumbnails.
     */
    public static BufferedImage fitWithin(BufferedImage image, int maxWidth, int maxHeight) {
        Objects.requireNonNull(image, "image");
        requirePositive(maxWidth, maxHeight);
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= maxWidth && h <= maxHeight) {
            return ImageConversions.toIntRgb(image);
        }
        double scale = Math.min((double) maxWidth / w, (double) maxHeight / h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        return squash(image, Math.min(tw, maxWidth), Math.min(th, maxHeight));
    }

    private static void requirePositive(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "×" + height);
        }
    }
}
