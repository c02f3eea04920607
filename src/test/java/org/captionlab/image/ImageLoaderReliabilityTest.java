package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large pictures within a memory budget, decoder warnings, and files that are no files. */
class ImageLoaderReliabilityTest {

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @Test
    void subsamplingKeepsTheDecodedPictureWithinTheBudget() {
        assertThat(ImageLoader.subsampling(1000, 1000, 2_000_000)).isEqualTo(1);
        assertThat(ImageLoader.subsampling(10_000, 10_000, 8_000_000)).isEqualTo(4);
        assertThat(ImageLoader.subsampling(10_000, 10_000, 16_000_000)).isEqualTo(3);
        assertThat(ImageLoader.subsampling(100_000, 3, 1000)).isEqualTo(3); // never below one row or column
    }

    @Test
    void aLargePngIsDecodedSubsampledWithItsAspect() throws IOException {
        Path big = LargePng.write(dir.resolve("big.png"), 4000, 3000, true);
        ImageLoader.Loaded loaded = loader.withDecodeBudget(1_000_000).read(big);
        assertThat(loaded.subsampling()).isEqualTo(4);
        assertThat(loaded.image().getWidth()).isEqualTo(1000);
        assertThat(loaded.image().getHeight()).isEqualTo(750);
        // the gradient survives: red grows from left to right
        int left = (loaded.image().getRGB(10, 10) >> 16) & 0xFF;
        int right = (loaded.image().getRGB(990, 10) >> 16) & 0xFF;
        assertThat(right).isGreaterThan(left + 200);

        ImageLoader.Loaded whole = loader.withDecodeBudget(20_000_000).read(big);
        assertThat(whole.subsampling()).isEqualTo(1);
        assertThat(whole.image().getWidth()).isEqualTo(4000);
    }

    @Test
    void theDefaultBudgetFollowsTheHeap() {
        long budget = ImageLoader.defaultDecodeBudget();
        assertThat(budget).isBetween(1_000_000L, ImageLoader.MAX_DECODE_BUDGET_PIXELS);
        assertThat(new ImageLoader().decodeBudgetPixels()).isEqualTo(budget);
    }

    /**
     * A real photo with one byte of its entropy-coded data changed, at the first of a few fixed places
     * where the decoder goes on with warnings (rather than failing outright).
     */
    private Path damagedJpeg() throws IOException {
        byte[] original = Files.readAllBytes(SharedAssets.photo("cat_720p.jpg"));
        Path file = dir.resolve("damaged.jpg");
        for (int k = 1; k < 40; k++) {
            byte[] bytes = original.clone();
            int at = original.length * k / 41;
            if (bytes[at] == (byte) 0xFF || bytes[at] == 0) {
                continue;
            }
            bytes[at] = (byte) (bytes[at] ^ 0x5A);
            if (bytes[at] == (byte) 0xFF) {
                continue;
            }
            Files.write(file, bytes);
            try {
                if (loader.acceptingDamaged(true).read(file).warnings().stream().anyMatch(ImageLoader::isDamageWarning)) {
                    return file;
                }
            } catch (ImageLoadException e) {
                // this place breaks the file outright: try the next
            }
        }
        throw new AssertionError("no one-byte change of cat_720p.jpg gave decoder warnings");
    }

    @Test
    void aJpegWithBrokenDataIsRefusedUnlessAcceptedAndItsWarningsComeBack() throws IOException {
        Path damaged = damagedJpeg();
        assertThatThrownBy(() -> loader.read(damaged)).isInstanceOf(DamagedImageException.class)
                .hasMessageStartingWith("image '" + damaged + "': the JPEG data is")
                .satisfies(e -> assertThat(((DamagedImageException) e).warnings()).isNotEmpty());
        ImageLoader.Loaded loaded = loader.acceptingDamaged(true).read(damaged);
        assertThat(loaded.warnings()).isNotEmpty().anySatisfy(w -> assertThat(ImageLoader.isDamageWarning(w)).isTrue());
        assertThat(loaded.image().getWidth()).isEqualTo(1280);
    }

    @Test
    void aCleanPhotoHasNoWarnings() throws IOException {
        assertThat(loader.read(SharedAssets.photo("cat_720p.jpg")).warnings()).isEmpty();
    }

    @Test
    void warningsAreSortedIntoDamageAndNotice() {
        assertThat(ImageLoader.isDamageWarning("Corrupt JPEG data: bad Huffman code")).isTrue();
        assertThat(ImageLoader.isDamageWarning("Corrupt JPEG data: premature end of data segment")).isTrue();
        assertThat(ImageLoader.isDamageWarning("Truncated File - Missing EOI marker")).isTrue();
        assertThat(ImageLoader.isDamageWarning("Corrupt JPEG data: 3 extraneous bytes before marker 0xd9")).isTrue();
        assertThat(ImageLoader.isDamageWarning("Corrupt JPEG data: 12 extraneous bytes before marker 0xd3")).isTrue();
        assertThat(ImageLoader.isDamageWarning("Corrupt JPEG data: 3 extraneous bytes before marker 0xdb")).isFalse();
        assertThat(ImageLoader.isDamageWarning("Ignoring unknown APP2 segment")).isFalse();
    }

    @Test
    void aFifoIsRefusedAtOnceInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> loader.read(fifo)).isInstanceOf(ImageLoadException.class)
                        .hasMessage("image '" + fifo + "': it is a FIFO (named pipe), not a file: name the image files themselves"));
        assertThat(ImageFiles.specialKind(Path.of("/dev/null"))).isEqualTo("a character device");
        assertThat(ImageFiles.specialKind(dir)).isNull();
    }

    @Test
    void aBrokenLinkIsNamedAsSuch() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("gone.jpg"), dir.resolve("nothing-here.jpg"));
        assertThatThrownBy(() -> loader.read(link)).hasMessageContaining("symbolic link to a file that does not exist");
    }
}
