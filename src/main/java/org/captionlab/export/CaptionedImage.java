package org.captionlab.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.captionlab.search.Caption;

/**
 * The captions produced for one image, best first (rank 1 = {@code captions.get(0)}): one greedy
 * caption, or the n best of a beam search.
 *
 * @param path     the image file, as it will appear in exports
 * @param captions the captions, best first; may be empty (the image then has no rows)
 * @param guide    which of the encoder's labels guided the captions, in words ("" when none did)
 */
public record CaptionedImage(Path path, List<Caption> captions, String guide) {
    public CaptionedImage {
        Objects.requireNonNull(path, "path");
        captions = List.copyOf(captions);
        guide = guide == null ? "" : guide;
    }

    /** Captions no label guided. */
    public CaptionedImage(Path path, List<Caption> captions) {
        this(path, captions, "");
    }
}
