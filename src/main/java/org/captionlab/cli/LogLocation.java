package org.captionlab.cli;

import org.captionlab.service.Settings;

/** Where the file log is (see logback.xml). */
final class LogLocation {
    private LogLocation() {
    }

    static String describe() {
        return Settings.fromEnvironment().home().resolve("logs").resolve("captionlab.log").toString();
    }
}
