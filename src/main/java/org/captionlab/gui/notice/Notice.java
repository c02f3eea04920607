package org.captionlab.gui.notice;

import java.util.Objects;

/**
 * A non-blocking message for the user: one sentence naming the file and what is wrong, never a stack
 * trace.
 *
 * @param id       unique within a session (so that equal texts can be told apart and replaced)
 * @param severity how it is shown; infos disappear by themselves, errors stay until dismissed
 * @param message  the sentence
 */
public record Notice(long id, Severity severity, String message) {

    /** How serious a notice is. */
    public enum Severity {
        INFO, WARNING, ERROR
    }

    public Notice {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
