package org.captionlab;

import org.captionlab.cli.CaptionLabCommand;
import org.captionlab.gui.CaptionLabApp;

/**
 * Plain main class (the project is not modular, so JavaFX must not be the main class itself).
 * No arguments, or only app options such as {@code --model DIR}: the desktop app. A command name
 * ({@code caption}, {@code train}, ...) or {@code --help}: the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (CaptionLabCommand.isCommandLine(args)) {
            System.exit(CaptionLabCommand.run(args));
        } else if (!CaptionLabApp.launchApp(args, System.err)) {
            System.exit(CaptionLabCommand.FATAL);
        }
    }
}
