package org.captionlab.util;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where CaptionLab is installed: the folder that holds its jar ({@code target/} of a source checkout,
 * {@code lib/app/} of the jpackage app image and of the {@code .deb}'s {@code /opt/captionlab}). Bundled
 * assets (the default model, the encoder weights) are looked up relative to it, so that the app and
 * the command line work whatever the current folder is.
 */
public final class Installation {

    private Installation() {
    }

    /**
     * The folder holding the jar, or (when running from compiled classes, as in tests) the folder that
     * holds the classes folder; empty when the code source is unknown.
     */
    public static Optional<Path> directory() {
        try {
            var source = Installation.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            Path dir = location.getParent();
            return dir == null || !Files.isDirectory(dir) ? Optional.empty() : Optional.of(dir);
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The version from the jar's manifest (the pom's version), or "development" when not run from the jar. */
    public static String version() {
        String v = Installation.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
