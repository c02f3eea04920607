package org.captionlab.train;

import java.util.List;

/**
 * One image with its feature (from the feature cache) and its reference captions: what training fits,
 * validation and evaluation score against.
 *
 * @param imageId  the image's id in its dataset
 * @param feature  the feature of the photo as it is
 * @param captions reference captions
 * @param mirrored the feature of the photo mirrored left-right, or null: only training examples of a
 *                 {@code train --mirror} run carry one (each epoch draws one of the two per caption)
 */
public record CaptionedFeature(String imageId, float[] feature, List<String> captions, float[] mirrored) {
    public CaptionedFeature {
        captions = List.copyOf(captions);
    }

    /** An example without a mirrored feature. */
    public CaptionedFeature(String imageId, float[] feature, List<String> captions) {
        this(imageId, feature, captions, null);
    }
}
