package org.captionlab.export;

import java.util.List;
import java.util.Objects;
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
 * @param guide    how the encoder's labels guided the captions, or null when no label did
 */
public record CaptionRecord(String path, List<Caption> captions, List<Label> labels, List<String> warnings,
                            String encoder, String model, Guide guide) {

    /** An ImageNet label with its probability, as the encoder reported it. */
    public record Label(String label, double probability) {
    }

    /**
     * How labels guided a photo's captions.
     *
     * @param labels      the labels that guided, most probable first
     * @param words       the words the captions were made to contain
     * @param fellBack    true when no caption could contain them (the captions are the unguided ones)
     * @param description one line for a CSV cell or the text output
     */
    public record Guide(List<Label> labels, List<String> words, boolean fellBack, String description) {
        public Guide {
            labels = List.copyOf(labels);
            words = List.copyOf(words);
            Objects.requireNonNull(description, "description");
        }
    }

    /** A record no label guided. */
    public CaptionRecord(String path, List<Caption> captions, List<Label> labels, List<String> warnings,
                         String encoder, String model) {
        this(path, captions, labels, warnings, encoder, model, null);
    }

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
