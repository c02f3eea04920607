package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Flickr8kCsvReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsCaptionsGroupedByImageInOrderOfFirstAppearance() throws IOException {
        CaptionDataset ds = new Flickr8kCsvReader().read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images());

        assertThat(ds.name()).isEqualTo("flickr8k:flickr8k_captions.csv");
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg", "beach.jpg");
        ImageCaptions dog = ds.images().get(0);
        assertThat(dog.path()).isEqualTo(DataFixtures.images().resolve("dog.jpg").toAbsolutePath().normalize());
        assertThat(dog.captions()).containsExactly(
                "A brown dog runs across the grass .",
                "A dog , wet from the lake , shakes itself .",
                "The dog says \"woof\" twice .");
        assertThat(ds.images().get(1).captions()).containsExactly(
                "A grey cat sleeps on a cushion .",
                "A cat on a sofa\nseen from above .");
        assertThat(ds.images().get(2).captions()).containsExactly("Un café sur la plage — naïve 猫 🐈 .");
    }

    @Test
    void reportsBadRowsWithFileAndLineAndGoesOn() throws IOException {
        CaptionDataset ds = new Flickr8kCsvReader().read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images());

        assertThat(ds.problems()).hasSize(3);
        assertThat(ds.problems().get(0)).startsWith("flickr8k_captions.csv line 8: ").contains("caption", "empty", "beach.jpg");
        assertThat(ds.problems().get(1)).startsWith("flickr8k_captions.csv line 12: ").contains("2 fields", "found 4");
        assertThat(ds.problems().get(2)).startsWith("flickr8k_captions.csv line 9: ")
                .contains("missing.jpg", "does not exist", "1 caption is skipped");
    }

    @Test
    void withoutImageCheckKeepsImagesWhoseFileIsMissing() throws IOException {
        CaptionDataset ds = new Flickr8kCsvReader(ImageCheck.SKIP)
                .read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images());

        assertThat(ds.images()).extracting(ImageCaptions::imageId)
                .containsExactly("dog.jpg", "cat.jpg", "missing.jpg", "beach.jpg");
        assertThat(ds.problems()).hasSize(2);
    }

    @Test
    void resolvesImagesAgainstTheCsvFolderWhenNoImagesFolderIsGiven() throws IOException {
        Path csv = write("captions.txt", "image,caption\r\nphoto.jpg,A caption .\r\n");
        Files.write(tmp.resolve("photo.jpg"), new byte[] {1});

        CaptionDataset ds = new Flickr8kCsvReader().read(csv, null);

        assertThat(ds.images()).singleElement().satisfies(img -> {
            assertThat(img.path()).isEqualTo(tmp.resolve("photo.jpg").toAbsolutePath().normalize());
            assertThat(img.captions()).containsExactly("A caption .");
        });
        assertThat(ds.problems()).isEmpty();
    }

    @Test
    void skipsAByteOrderMark() throws IOException {
        Path csv = write("bom.csv", "\uFEFFimage,caption\nphoto.jpg,A caption .\n");
        Files.write(tmp.resolve("photo.jpg"), new byte[] {1});

        assertThat(new Flickr8kCsvReader().read(csv, tmp).images()).hasSize(1);
    }

    @Test
    void wrongHeaderIsNotThisFormat() throws IOException {
        Path csv = write("other.csv", "path,caption\na.jpg,x\n");

        assertThatThrownBy(() -> new Flickr8kCsvReader().read(csv, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("line 1")
                .hasMessageContaining("'image,caption'")
                .hasMessageContaining("'path,caption'");
    }

    @Test
    void unterminatedQuoteFailsNamingTheLineTheRecordStarts() throws IOException {
        Path csv = write("broken.csv", "image,caption\na.jpg,fine\nb.jpg,\"never closed\nc.jpg,x\n");

        assertThatThrownBy(() -> new Flickr8kCsvReader().read(csv, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv + " line 3: malformed CSV");
    }

    @Test
    void emptyFileAndMissingFileAndBinaryFileFailWithTheirName() throws IOException {
        Path empty = write("empty.csv", "");
        Path binary = tmp.resolve("binary.csv");
        Files.write(binary, new byte[] {'i', 'm', (byte) 0xC3, (byte) 0x28, 'x', '\n'});
        Path absent = tmp.resolve("absent.csv");

        assertThatThrownBy(() -> new Flickr8kCsvReader().read(empty, tmp))
                .isInstanceOf(DatasetException.class).hasMessageContaining(empty + " is empty");
        assertThatThrownBy(() -> new Flickr8kCsvReader().read(binary, tmp))
                .isInstanceOf(DatasetException.class).hasMessageContaining(binary + " is not UTF-8 text");
        assertThatThrownBy(() -> new Flickr8kCsvReader().read(absent, tmp))
                .isInstanceOf(DatasetException.class).hasMessageContaining(absent + " does not exist");
    }

    @Test
    void wrongImagesFolderIsOneErrorNotAProblemPerImage() {
        Path wrongFolder = tmp.resolve("nowhere");

        assertThatThrownBy(() -> new Flickr8kCsvReader().read(DataFixtures.file("flickr8k_captions.csv"), wrongFolder))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("none of the 4 images named in flickr8k_captions.csv exists")
                .hasMessageContaining(wrongFolder.resolve("dog.jpg").toString());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    static List<String> ids(CaptionDataset ds) {
        return ds.images().stream().map(ImageCaptions::imageId).toList();
    }
}
