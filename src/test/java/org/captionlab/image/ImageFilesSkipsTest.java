package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path a folder walk does not take is reported with the reason. */
class ImageFilesSkipsTest {

    @TempDir
    Path dir;

    @Test
    void unsupportedFilesFifosBrokenLinksAndLoopsAreNamed() throws Exception {
        Files.writeString(dir.resolve("a.webp"), "x");
        Files.writeString(dir.resolve("b.heic"), "x");
        Files.writeString(dir.resolve("c.svg"), "<svg/>");
        Files.writeString(dir.resolve("scan.tiff"), "x");
        Files.writeString(dir.resolve("photo.jpg"), "x");
        Files.writeString(dir.resolve(".hidden.webp"), "x");
        Files.createSymbolicLink(dir.resolve("dead.jpg"), dir.resolve("missing.jpg"));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("loop"), dir);
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("pipe.jpg").toString()).start().waitFor()).isZero();

        ImageFiles.Listing listing = ImageFiles.collect(List.of(dir));
        assertThat(listing.images()).extracting(p -> p.getFileName().toString()).containsExactly("photo.jpg", "scan.tiff");
        assertThat(listing.skipped()).isEqualTo(3);
        assertThat(listing.skips()).extracting(s -> s.path().getFileName().toString() + ":" + s.kind()).containsExactlyInAnyOrder(
                "a.webp:UNSUPPORTED", "b.heic:UNSUPPORTED", "c.svg:UNSUPPORTED", "dead.jpg:BROKEN_LINK",
                "loop:LINK_LOOP", "pipe.jpg:SPECIAL");
        assertThat(listing.skips()).filteredOn(s -> s.kind() == ImageFiles.SkipKind.SPECIAL)
                .extracting(ImageFiles.Skip::detail).containsExactly("a FIFO (named pipe)");
    }

    @Test
    void kindsDescribeThemselvesWithTheSupportedFormats() {
        assertThat(ImageFiles.SkipKind.UNSUPPORTED.describe(2))
                .isEqualTo("2 files that are not images in a supported format (JPEG, PNG, BMP, GIF or TIFF)");
        assertThat(ImageFiles.SkipKind.BROKEN_LINK.describe(1)).isEqualTo("1 broken symbolic link");
        assertThat(ImageFiles.isImageFile(Path.of("x.TIF"))).isTrue();
    }

    @Test
    void aFifoNamedExplicitlyIsSkippedNotOpened() throws Exception {
        Path fifo = dir.resolve("p.png");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        ImageFiles.Listing listing = ImageFiles.collect(List.of(fifo));
        assertThat(listing.images()).isEmpty();
        assertThat(listing.skips()).extracting(ImageFiles.Skip::kind).containsExactly(ImageFiles.SkipKind.SPECIAL);
    }

    static void touch(Path p) throws IOException {
        Files.writeString(p, "x");
    }
}
