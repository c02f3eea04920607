package org.captionlab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (data and encoder weights kept beside the project, never committed).
 * Tests that need it fail, never skip, when it is missing: CI must notice.
 * {@code CAPTIONLAB_SHARED} overrides the location.
 */
public final class SharedAssets {

    private SharedAssets() {
    }

    /** The shared folder. */
    public static Path root() {
        String env = System.getenv("CAPTIONLAB_SHARED");
        Path root = (env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new AssertionError("shared assets folder " + root + " is missing: tests need ../shared beside the project");
        }
        return root;
    }

    /** A file or folder under the shared folder, which must exist. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("shared asset " + p + " is missing");
        }
        return p;
    }

    /** The MobileNetV2 TFLite model. */
    public static Path mobileNetWeights() {
        return require("encoders/mobilenet_v2_1.0_224_quant.tflite");
    }

    /** A photo from ../shared/photos. */
    public static Path photo(String name) {
        return require("photos/" + name);
    }
}
