package org.captionlab.gui.project;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One photo of a project and what the user said about it. Absent values are {@code null} (and left
 * out of the JSON).
 *
 * @param path            the photo, relative to the project file's folder with {@code /} separators, or
 *                        absolute when it lies elsewhere
 * @param editedCaption   the caption as corrected by hand, or null when the model's stands
 * @param verdict         the reviewer's verdict, or null when not reviewed
 * @param failureCategory how the caption fails (with {@link Verdict#FAILURE}), or null
 * @param note            free text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhotoEntry(String path, String editedCaption, Verdict verdict, FailureCategory failureCategory, String note) {

    public PhotoEntry {
        Objects.requireNonNull(path, "path");
        editedCaption = blankToNull(editedCaption);
        note = blankToNull(note);
    }

    /** A photo with nothing said about it. */
    public static PhotoEntry of(String path) {
        return new PhotoEntry(path, null, null, null, null);
    }

    /** True when the user edited, judged or annotated the photo. */
    @JsonIgnore
    public boolean isAnnotated() {
        return editedCaption != null || verdict != null || failureCategory != null || note != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
