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
 */
public record CaptionedImage(Path path, List<Caption> captions) {
    public CaptionedImage {
        Objects.requireNonNull(path, "path");
        captions = List.copyOf(captions);
    }
}
