package org.captionlab.encoder;

import java.util.List;

/**
 * The result of encoding one image: the feature vector and, where the encoder is a classifier, its
 * top ImageNet labels from the same forward pass (empty otherwise).
 */
public record EncodedImage(float[] feature, List<ImageLabel> labels) {
    public EncodedImage {
        labels = List.copyOf(labels);
    }
}
