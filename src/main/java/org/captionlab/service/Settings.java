package org.captionlab.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.captionlab.util.Installation;

/**
 * Where CaptionLab keeps and finds things, resolved in one place: environment variable, then system
 * property, then the default. Immutable; tests build one pointing at a temporary folder.
 *
 * @param home        user folder for caches, logs and downloads ({@code CAPTIONLAB_HOME},
 *                    {@code -Dcaptionlab.home}, default {@code ~/.captionlab})
 * @param defaultModel the bundle used when none is given ({@code CAPTIONLAB_MODEL}, {@code -Dcaptionlab.model},
 *                    else {@code models/default} in the working folder or beside the installed jar)
 */
public record Settings(Path home, Path defaultModel) {

    /** Reads the process environment and system properties. */
    public static Settings fromEnvironment() {
        return resolve(System.getenv(), System.getProperties()::getProperty);
    }

    /** Resolution with explicit sources (for tests). */
    public static Settings resolve(Map<String, String> env, java.util.function.Function<String, String> sysProps) {
        Path home = first(env.get("CAPTIONLAB_HOME"), sysProps.apply("captionlab.home"))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".captionlab"));
        Path model = first(env.get("CAPTIONLAB_MODEL"), sysProps.apply("captionlab.model"))
                .map(Path::of)
                .orElseGet(Settings::locateDefaultModel);
        return new Settings(home.toAbsolutePath().normalize(), model.toAbsolutePath().normalize());
    }

    /** Folder of the feature cache files. */
    public Path featureCacheDir() {
        return home.resolve("features");
    }

    /** Folder of downloaded encoder weights. */
    public Path encoderCacheDir() {
        return home.resolve("encoders");
    }

    private static Optional<String> first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a);
        }
        return Optional.ofNullable(b).filter(s -> !s.isBlank());
    }

    /**
     * {@code models/default} in the working folder (running from the source tree), else next to the
     * folder holding the jar ({@code target/captionlab.jar} → {@code models/default} of the project).
     */
    static Path locateDefaultModel() {
        Path cwd = Path.of("models", "default");
        if (Files.isDirectory(cwd)) {
            return cwd;
        }
        Optional<Path> installed = Installation.directory();
        for (Path dir = installed.orElse(null); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models").resolve("default");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return cwd;
    }
}
