package org.captionlab.cli;

import org.captionlab.service.Settings;

/** Where the file log is (see {@link org.captionlab.util.LogConfiguration}). */
final class LogLocation {
    private LogLocation() {
    }

    static String describe() {
        return Settings.fromEnvironment().home().resolve("logs").resolve("captionlab.log").toString();
    }
}
