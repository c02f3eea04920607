package org.captionlab.gui.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path tmp;

    private Path file(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void recognisesImagesByExtensionIgnoringCase() {
        assertThat(ImageFiles.isImage(Path.of("a.JPEG"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("b.png"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("c.bmp"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("d.txt"))).isFalse();
        assertThat(ImageFiles.isImage(Path.of(".jpg"))).isFalse();
        assertThat(ImageFiles.isImage(Path.of("jpg"))).isFalse();
    }

    @Test
    void walksFoldersSortedSkippingHiddenAndCountingOthers() throws IOException {
        file("z.jpg");
        file("a/b.png");
        file("a/notes.txt");
        file(".git/x.jpg");
        file(".thumb.jpg");
        Path loose = file("elsewhere/solo.gif");
        Path missing = tmp.resolve("nope.jpg");

        ImageFiles.ScanResult r = ImageFiles.scan(List.of(tmp.resolve("a"), tmp, loose, missing));

        assertThat(r.images()).containsExactly(tmp.resolve("a/b.png"), tmp.resolve("elsewhere/solo.gif"), tmp.resolve("z.jpg"));
        assertThat(r.skippedFiles()).as("counted once though scanned twice").containsExactly(tmp.resolve("a/notes.txt"));
        assertThat(r.unreadable()).singleElement().asString().contains("nope.jpg").contains("does not exist");
    }
}
