package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void collectsImagesRecursivelySortedAndCountsOtherFiles() throws IOException {
        Path a = touch("a.jpg");
        Path b = touch("B.JPEG");
        Path c = touch("c.Png");
        touch("d.txt");
        touch(".hidden.jpg");
        touch(".git/e.png");
        Path f = touch("sub/deeper/f.gif");
        Path g = touch("sub/g.bmp");
        touch("sub/notes.md");
        touch("sub/archive.jpg.zip");
        touch("sub/noextension");

        ImageFiles.Listing listing = ImageFiles.collect(List.of(dir));

        assertThat(listing.images()).containsExactly(b, a, c, f, g);
        assertThat(listing.skipped()).isEqualTo(4);
    }

    @Test
    void explicitFilesAreTakenOrSkippedAndDuplicatesRemoved() throws IOException {
        Path a = touch("a.jpg");
        Path text = touch("readme.txt");
        Path hidden = touch(".explicit.png");
        Path sub = touch("sub/x.gif").getParent();

        ImageFiles.Listing listing = ImageFiles.collect(List.of(a, text, hidden, dir.resolve("./a.jpg"), dir));

        assertThat(listing.images()).containsExactly(hidden, a, sub.resolve("x.gif"));
        assertThat(listing.skipped()).isEqualTo(2); // readme.txt explicitly and again inside dir
    }

    @Test
    void emptyFolderGivesNothing() throws IOException {
        ImageFiles.Listing listing = ImageFiles.collect(List.of(Files.createDirectory(dir.resolve("empty"))));
        assertThat(listing.images()).isEmpty();
        assertThat(listing.skipped()).isZero();
    }

    @Test
    void missingInputIsAnError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImageFiles.collect(List.of(missing)))
                .isInstanceOf(IOException.class)
                .hasMessage("input '" + missing + "' does not exist");
    }

    @Test
    void extensionCheck() {
        assertThat(ImageFiles.isImageFile(Path.of("x/photo.JPG"))).isTrue();
        assertThat(ImageFiles.isImageFile(Path.of("photo.jpeg"))).isTrue();
        assertThat(ImageFiles.isImageFile(Path.of("photo.webp"))).isFalse();
        assertThat(ImageFiles.isImageFile(Path.of("jpg"))).isFalse();
        assertThat(ImageFiles.isImageFile(Path.of("photo."))).isFalse();
    }
}
