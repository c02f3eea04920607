package org.captionlab.gui.physical;

import java.awt.image.BufferedImage;
import java.util.List;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.ImageCaptioner;

/**
 * A deterministic stand-in for the captioning service whose caption depends on how sharp the image is
 * (mean absolute difference of horizontally adjacent green values): sharp photos are "a dog runs on the
 * grass", blurred ones "a blurry photo of a wall". Optionally slow, like a real encoder.
 */
final class SharpnessCaptioner implements ImageCaptioner {

    static final String SHARP = "a dog runs on the grass";
    static final String BLURRY = "a blurry photo of a wall";
    /** Sharpness (0..255) above which the image counts as sharp. */
    static final double THRESHOLD = 6;

    volatile long delayMillis;
    volatile int calls;

    SharpnessCaptioner(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    static double sharpness(BufferedImage img) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 1; x < img.getWidth(); x++) {
                sum += Math.abs(((img.getRGB(x, y) >> 8) & 0xff) - ((img.getRGB(x - 1, y) >> 8) & 0xff));
                n++;
            }
        }
        return sum / n;
    }

    @Override
    public Captioned caption(BufferedImage image, DecodeOptions options) {
        calls++;
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double s = sharpness(image);
        String text = s > THRESHOLD ? SHARP : BLURRY;
        List<String> words = List.of(text.split(" "));
        Caption best = new Caption(words, -20 / (1 + s), -20 / (1 + s), new double[words.size()], 0.5);
        Caption alt = new Caption(List.of("a", "picture"), -25 / (1 + s), -25 / (1 + s), new double[2], 0.5);
        return new Captioned(List.of(best, alt), List.of(new ImageLabel(s > THRESHOLD ? "golden retriever" : "stone wall",
                Math.min(0.99, s / 40), 208)));
    }

    /** Vertical stripes 4 px wide: very sharp until blurred. */
    static BufferedImage stripes() {
        BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                img.setRGB(x, y, (x / 4) % 2 == 0 ? 0x30a040 : 0xe0f0d0);
            }
        }
        return img;
    }
}
