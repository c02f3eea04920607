package org.captionlab.gui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Edit → Paste reads from the system clipboard; an interface so that paste is testable without a
 * toolkit. Called on the UI thread.
 */
public interface ClipboardSource {

    /** Files (or folders) on the clipboard, e.g. copied in a file manager; empty when none. */
    List<Path> files();

    /** Image data on the clipboard (a screenshot, an image copied in a browser), if any. */
    Optional<BufferedImage> image();
}
