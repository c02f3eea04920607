package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's command line: its options and the photos or folders to open at start. */
class CaptionLabAppArgumentsTest {

    @Test
    void photosAndFoldersAreEverythingButTheOptionsAndTheirValues() {
        List<String> args = List.of("--model", "models/lstm", "photos", "--encoder-weights=w.tflite", "cat.jpg");
        assertThat(CaptionLabApp.pathsToOpen(args)).containsExactly(Path.of("photos"), Path.of("cat.jpg"));
        assertThat(CaptionLabApp.option(args, "--model")).isEqualTo("models/lstm");
        assertThat(CaptionLabApp.pathsToOpen(List.of())).isEmpty();
    }
}
