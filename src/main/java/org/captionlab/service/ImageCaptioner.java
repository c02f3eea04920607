package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.util.List;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;

/**
 * Captions pixels that are not a file: a photo seen through a simulated camera. Slow (encodes); never
 * call on the JavaFX thread. Implementations serialise encoding themselves.
 */
@FunctionalInterface
public interface ImageCaptioner {

    /**
     * Captions of an image, best first, and the encoder's labels.
     *
     * @param captions the captions (guided by the labels when the model recommends it)
     * @param labels   the encoder's top labels, most probable first
     */
    record Captioned(List<Caption> captions, List<ImageLabel> labels) {
        public Captioned {
            captions = List.copyOf(captions);
            labels = List.copyOf(labels);
        }
    }

    /** Encodes {@code image} (8-bit RGB, any size) and decodes its captions with {@code options}. */
    Captioned caption(BufferedImage image, DecodeOptions options);
}
