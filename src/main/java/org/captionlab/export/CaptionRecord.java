package org.captionlab.export;

import java.util.List;
import java.util.Objects;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.search.Caption;

/**
 * Everything the {@code caption} command writes about one photo, in any format: the columns of the CSV
 * ({@link CaptionColumn}), the fields of the JSON objects and the lines of the text output are all made
 * from it.
 *
 * @param path     the photo, as the user named it (or as found in a folder the user named)
 * @param captions the captions, best first (rank 1 first); may be empty
 * @param labels   the encoder's top ImageNet labels, or empty
 * @param warnings what the image decoder warned about (empty for a clean file)
 * @param encoder  the image encoder's id
 * @param model    the caption model's name
 */
public record CaptionRecord(String path, List<Caption> captions, List<ImageLabel> labels, List<String> warnings,
                            String encoder, String model) {
    public CaptionRecord {
        Objects.requireNonNull(path, "path");
        captions = List.copyOf(captions);
        labels = labels == null ? List.of() : List.copyOf(labels);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(model, "model");
    }

    /** The warnings as one cell: joined with "; ", empty when there are none. */
    public String warningText() {
        return String.join("; ", warnings);
    }
}
