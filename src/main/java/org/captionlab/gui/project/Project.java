package org.captionlab.gui.project;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The saved state of a library: its photos in order and the user's edits and reviews.
 *
 * @param format  always {@link #FORMAT}, so that a stray JSON file is not taken for a project
 * @param version file format version
 * @param photos     the photos, in library order
 * @param references the reference captions file loaded for failure inspection (relative to the project file's
 *                   folder like photo paths), or null; reopening the project loads it again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Project(String format, int version, List<PhotoEntry> photos, String references) {

    public static final String FORMAT = "captionlab-project";
    public static final int VERSION = 1;

    public Project {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A project of the current format. */
    public static Project of(List<PhotoEntry> photos) {
        return of(photos, null);
    }

    /** A project of the current format with a references file. */
    public static Project of(List<PhotoEntry> photos, String references) {
        return new Project(FORMAT, VERSION, photos, references);
    }

    /** True when at least one photo carries an edit, verdict or note, or references were loaded. */
    @JsonIgnore
    public boolean isAnnotated() {
        return references != null || photos.stream().anyMatch(PhotoEntry::isAnnotated);
    }
}
