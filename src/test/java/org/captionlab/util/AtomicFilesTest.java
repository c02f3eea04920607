package org.captionlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void aNewFileGetsTheUmaskModeNotATemporaryFiles0600() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "hello");
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.readString(file)).isEqualTo("hello");
        assertThat(leftovers()).isZero();
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("b.txt"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(file, "new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("c.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("real", "c.txt"));
        AtomicFiles.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("later.txt"));
        AtomicFiles.writeString(dangling, "made");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(dir.resolve("later.txt"))).isEqualTo("made");

        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        assertThatThrownBy(() -> AtomicFiles.writeString(loop, "x")).hasMessageContaining("symbolic links");
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("d.txt"), "kept");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");
        assertThat(Files.readString(file)).isEqualTo("kept");
        assertThat(leftovers()).isZero();
    }

    @Test
    void aWriterThatClosesTheStreamItselfStillGetsItsFileFlushed() throws IOException {
        Path file = dir.resolve("e.zip");
        AtomicFiles.write(file, out -> {
            out.write(1);
            out.close(); // as ZipOutputStream and DL4J's ModelSerializer do
        });
        assertThat(Files.size(file)).isEqualTo(1);
    }
}
