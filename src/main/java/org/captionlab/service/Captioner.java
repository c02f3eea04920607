package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.search.Caption;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;

/**
 * What the app and the CLI need from the captioning pipeline: encode an image once, decode captions
 * from its feature as often as the decoding options change.
 *
 * <p>Implementations are thread-confined by the caller or internally synchronised; all methods may be
 * slow and must not be called on the JavaFX thread.
 */
public interface Captioner extends AutoCloseable {

    /** The loaded model. */
    ModelInfo model();

    /**
     * Loads, preprocesses and encodes an image; repeated calls for the same file content return the
     * cached result without encoding again.
     *
     * @throws org.captionlab.image.ImageLoadException when the file is not a usable image
     */
    EncodedImage encode(Path image) throws IOException;

    /** Decodes captions from a feature; best first. */
    List<Caption> decode(float[] feature, DecodeOptions options);

    /**
     * Decodes captions of an encoded image, guided by its labels when {@code guide} is not null (the
     * captions then name what the confident labels say, see {@link CaptioningService}). The default
     * ignores the labels: a captioner without label guidance.
     */
    default GuidedCaptions decode(EncodedImage image, DecodeOptions options, Manifest.Guide guide) {
        return new GuidedCaptions(decode(image.feature(), options), Guidance.OFF);
    }

    /**
     * How many photos this captioner encodes at once with profit: callers may make that many {@link #encode} and
     * {@code decode} calls concurrently (1: one at a time).
     */
    default int parallelism() {
        return 1;
    }

    @Override
    void close();
}
