package org.captionlab.gui.project;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The saved state of a library: its photos in order and the user's edits and reviews.
 *
 * @param format  always {@link #FORMAT}, so that a stray JSON file is not taken for a project
 * @param version file format version
 * @param photos  the photos, in library order
 */
public record Project(String format, int version, List<PhotoEntry> photos) {

    public static final String FORMAT = "captionlab-project";
    public static final int VERSION = 1;

    public Project {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A project of the current format. */
    public static Project of(List<PhotoEntry> photos) {
        return new Project(FORMAT, VERSION, photos);
    }

    /** True when at least one photo carries an edit, verdict or note. */
    @JsonIgnore
    public boolean isAnnotated() {
        return photos.stream().anyMatch(PhotoEntry::isAnnotated);
    }
}
