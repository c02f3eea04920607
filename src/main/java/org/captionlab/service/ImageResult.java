package org.captionlab.service;

import java.nio.file.Path;
import java.util.List;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.search.Caption;

/**
 * One captioned image: its encoding (feature + ImageNet labels), its captions, best first, and how
 * the labels guided them.
 */
public record ImageResult(Path path, EncodedImage encoded, List<Caption> captions, Guidance guidance) {
    public ImageResult {
        captions = List.copyOf(captions);
        guidance = guidance == null ? Guidance.OFF : guidance;
    }

    /** An unguided result. */
    public ImageResult(Path path, EncodedImage encoded, List<Caption> captions) {
        this(path, encoded, captions, Guidance.OFF);
    }
}
