package org.captionlab.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The dataset fixtures under {@code src/test/resources/fixtures/data} (see the README there). */
final class DataFixtures {

    private DataFixtures() {
    }

    static Path dir() {
        URL readme = DataFixtures.class.getResource("/fixtures/data/README.md");
        if (readme == null) {
            throw new AssertionError("fixtures/data is not on the test class path");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static Path images() {
        return dir().resolve("images");
    }
}
