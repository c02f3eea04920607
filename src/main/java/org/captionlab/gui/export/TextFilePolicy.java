package org.captionlab.gui.export;

/** What to do with a {@code photo.txt} that already exists when captions are written beside the photos. */
public enum TextFilePolicy {
    /** Leave existing files alone (the default: a sidecar file may hold someone's own caption). */
    SKIP_EXISTING,
    /** Replace them; only when the user chose so. */
    OVERWRITE
}
