package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Flickr8kTokenReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTokenLinesGroupedByImage() throws IOException {
        CaptionDataset ds = new Flickr8kTokenReader().read(DataFixtures.file("flickr8k_token.txt"), DataFixtures.images());

        assertThat(ds.name()).isEqualTo("flickr8k:flickr8k_token.txt");
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg", "beach.jpg");
        assertThat(ds.images().get(0).captions())
                .containsExactly("A brown dog runs across the grass .", "A dog shakes water off its fur .");
        assertThat(ds.images().get(2).captions()).containsExactly("Children build a sandcastle near the sea .");
        assertThat(ds.images().get(2).path()).isEqualTo(DataFixtures.images().resolve("beach.jpg").toAbsolutePath().normalize());
    }

    @Test
    void reportsMalformedLinesEmptyCaptionsAndMissingFilesWithLines() throws IOException {
        CaptionDataset ds = new Flickr8kTokenReader().read(DataFixtures.file("flickr8k_token.txt"), DataFixtures.images());

        assertThat(ds.problems()).hasSize(3);
        assertThat(ds.problems().get(0)).startsWith("flickr8k_token.txt line 4: ").contains("this line has no tab");
        assertThat(ds.problems().get(1)).startsWith("flickr8k_token.txt line 5: ").contains("empty", "beach.jpg");
        assertThat(ds.problems().get(2)).startsWith("flickr8k_token.txt line 6: ").contains("missing.jpg", "does not exist");
    }

    @Test
    void aFileWhoseFirstLineIsNotATokenLineIsNotThisFormat() throws IOException {
        Path csv = Files.writeString(tmp.resolve("captions.txt"), "image,caption\na.jpg,x\n");

        assertThatThrownBy(() -> new Flickr8kTokenReader().read(csv, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv + " line 1")
                .hasMessageContaining("name.jpg#0<TAB>caption")
                .hasMessageContaining("'image,caption'");
    }

    @Test
    void blankFileIsAnError() throws IOException {
        Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n\n");

        assertThatThrownBy(() -> new Flickr8kTokenReader().read(blank, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(blank + " is empty");
    }
}
