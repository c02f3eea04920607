package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCaptionCsvReaderTest {

    @TempDir
    Path tmp;

    @Test
    void mergesRowsOfTheSameImageAndResolvesAgainstTheImagesFolder() throws IOException {
        CaptionDataset ds = new PathCaptionCsvReader().read(DataFixtures.file("path_captions.csv"), DataFixtures.images());

        assertThat(ds.name()).isEqualTo("csv:path_captions.csv");
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "sub/bird.jpg");
        assertThat(ds.images().get(0).captions())
                .containsExactly("A brown dog runs across the grass.", "A second caption for the dog.");
        assertThat(ds.images().get(1).captions()).containsExactly("A blue bird, seen from below.");
        assertThat(ds.images().get(1).path()).isEqualTo(DataFixtures.images().resolve("sub/bird.jpg").toAbsolutePath().normalize());
        assertThat(ds.problems()).hasSize(2);
        assertThat(ds.problems().get(0)).startsWith("path_captions.csv line 6: ").contains("empty");
        assertThat(ds.problems().get(1)).startsWith("path_captions.csv line 5: ").contains("missing.png", "does not exist");
    }

    @Test
    void headerIsOptional() throws IOException {
        CaptionDataset ds = new PathCaptionCsvReader().read(DataFixtures.file("path_captions_noheader.csv"), DataFixtures.images());

        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg");
        assertThat(ds.images().get(1).captions()).containsExactly("A grey cat sleeps.");
        assertThat(ds.problems()).isEmpty();
    }

    @Test
    void acceptsTheFlickr8kHeaderToo() throws IOException {
        CaptionDataset ds = new PathCaptionCsvReader().read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images());

        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg", "beach.jpg");
    }

    @Test
    void relativePathsResolveAgainstTheCsvFolderAndAbsolutePathsStay() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.write(photos.resolve("a.png"), new byte[] {1});
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path absolute = Files.write(elsewhere.resolve("b.png"), new byte[] {1}).toAbsolutePath();
        Path csv = Files.writeString(tmp.resolve("mine.csv"),
                "photos/a.png,first\n\"" + absolute + "\",second\nphotos/a.png,third\n");

        CaptionDataset ds = new PathCaptionCsvReader().read(csv, null);

        assertThat(ds.images()).extracting(ImageCaptions::path)
                .containsExactly(photos.resolve("a.png").toAbsolutePath().normalize(), absolute);
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("photos/a.png", absolute.toString());
        assertThat(ds.images().get(0).captions()).containsExactly("first", "third");
    }

    @Test
    void aFirstRowWithoutTwoFieldsIsNotThisFormat() throws IOException {
        Path csv = Files.writeString(tmp.resolve("x.csv"), "just one column\n");

        assertThatThrownBy(() -> new PathCaptionCsvReader().read(csv, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv + " line 1: expected 2 fields 'path,caption' but found 1");
    }

    @Test
    void laterRowsWithWrongWidthAreProblems() throws IOException {
        Files.write(tmp.resolve("a.png"), new byte[] {1});
        Path csv = Files.writeString(tmp.resolve("x.csv"), "a.png,ok\na.png\na.png,x,y\n");

        CaptionDataset ds = new PathCaptionCsvReader().read(csv, tmp);

        assertThat(ds.images()).singleElement().satisfies(img -> assertThat(img.captions()).containsExactly("ok"));
        assertThat(ds.problems()).hasSize(2);
        assertThat(ds.problems().get(0)).startsWith("x.csv line 2: expected 2 fields");
        assertThat(ds.problems().get(1)).startsWith("x.csv line 3: expected 2 fields");
    }
}
