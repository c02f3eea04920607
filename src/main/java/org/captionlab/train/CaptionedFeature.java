package org.captionlab.train;

import java.util.List;

/**
 * One image with its feature (from the feature cache) and its reference captions: what training fits,
 * validation and evaluation score against.
 */
public record CaptionedFeature(String imageId, float[] feature, List<String> captions) {
    public CaptionedFeature {
        captions = List.copyOf(captions);
    }
}
