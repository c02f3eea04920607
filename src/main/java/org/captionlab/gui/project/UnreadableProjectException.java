package org.captionlab.gui.project;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A project file that could not be read. When it was damaged or of a newer format it has been renamed
 * aside ({@link #keptAs()}), so that nothing the user said is lost and a new project can be saved in its
 * place; the message says where it went.
 */
public final class UnreadableProjectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Path keptAs;

    UnreadableProjectException(String message, Path file, Path keptAs, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.keptAs = keptAs;
    }

    /** The project file that could not be read. */
    public Path file() {
        return file;
    }

    /** Where the unreadable file now is, or null when it was left where it is (and will not be written over). */
    public Path keptAs() {
        return keptAs;
    }
}
