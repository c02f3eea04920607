package org.captionlab.train;

import java.util.List;

/**
 * One image of a training or validation set: its feature (from the feature cache) and its reference
 * captions.
 */
public record TrainingExample(String imageId, float[] feature, List<String> captions) {
    public TrainingExample {
        captions = List.copyOf(captions);
    }
}
