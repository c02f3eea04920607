package org.captionlab.encoder;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an RGB image into the feature vector v that the caption decoder is conditioned on.
 *
 * <p>Implementations own native resources (a TFLite interpreter, an ND4J graph) and must be closed.
 * Unless {@link #threadSafe()} says otherwise they are not thread-safe: callers serialise access (the
 * service does).
 */
public interface ImageEncoder extends AutoCloseable {

    /** Stable identifier written into model manifests, e.g. {@code mobilenet-v2} or {@code vgg16}. */
    String id();

    /**
     * The name this encoder's features and labels are cached under: its {@link #id()}, plus the variant of its
     * kernels where that gives other numbers, so that features of different kernels never mix in one cache.
     */
    default String cacheKey() {
        return id();
    }

    /** Length of the feature vector returned by {@link #encode}. */
    int featureDim();

    /** SHA-256 (lower-case hex) of the weights in use; a model bundle records it and refuses others. */
    String weightsSha256();

    /**
     * The classifier's label names by class index (index 0 the background), as the labels of
     * {@link EncodedImage#labels()} name them; empty for an encoder that reports no labels.
     */
    default List<String> labelNames() {
        return List.of();
    }

    /**
     * Encodes one image (any size, 8-bit RGB as produced by {@code org.captionlab.image.ImageLoader}).
     * The encoder does its own resizing to its input size.
     */
    EncodedImage encode(BufferedImage image);

    /**
     * True when {@link #encode} may be called from several threads at once (the encoder runs them in
     * parallel); false when callers must serialise calls.
     */
    default boolean threadSafe() {
        return false;
    }

    /** Encodes several images; the default calls {@link #encode} for each. */
    default List<EncodedImage> encodeBatch(List<BufferedImage> images) {
        List<EncodedImage> out = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            out.add(encode(image));
        }
        return out;
    }

    @Override
    void close();
}
