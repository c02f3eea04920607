package org.captionlab.service;

import java.nio.file.Path;
import java.util.List;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.search.Caption;

/**
 * One captioned image: its encoding (feature + ImageNet labels), its captions, best first, how the
 * labels guided them, and what the image decoder warned about (empty for a clean file).
 */
public record ImageResult(Path path, EncodedImage encoded, List<Caption> captions, Guidance guidance,
                          List<String> warnings) {
    public ImageResult {
        captions = List.copyOf(captions);
        guidance = guidance == null ? Guidance.OFF : guidance;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A result without decoder warnings. */
    public ImageResult(Path path, EncodedImage encoded, List<Caption> captions, Guidance guidance) {
        this(path, encoded, captions, guidance, List.of());
    }

    /** An unguided result without decoder warnings. */
    public ImageResult(Path path, EncodedImage encoded, List<Caption> captions) {
        this(path, encoded, captions, Guidance.OFF, List.of());
    }
}
