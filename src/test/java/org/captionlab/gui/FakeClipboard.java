package org.captionlab.gui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A clipboard holding what the test put there. */
final class FakeClipboard implements ClipboardSource {

    List<Path> files = List.of();
    BufferedImage image;

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public Optional<BufferedImage> image() {
        return Optional.ofNullable(image);
    }
}
