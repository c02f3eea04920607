package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitListTest {

    @TempDir
    Path tmp;

    @Test
    void readsNamesOnceInFileOrderSkippingBlankLines() throws IOException {
        SplitList list = SplitList.read(DataFixtures.file("split_list.txt"));

        assertThat(list.names()).containsExactly("dog.jpg", "cat.jpg", "unlisted.jpg");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.contains("cat.jpg")).isTrue();
        assertThat(list.contains("beach.jpg")).isFalse();
    }

    @Test
    void filterKeepsListedImagesInListOrderAndReportsListedImagesWithoutCaptions() throws IOException {
        CaptionDataset all = new Flickr8kCsvReader().read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images());

        CaptionDataset split = SplitList.read(DataFixtures.file("split_list.txt")).filter(all);

        assertThat(split.name()).isEqualTo("flickr8k:flickr8k_captions.csv[split_list.txt]");
        assertThat(split.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg");
        assertThat(split.images().get(0)).isEqualTo(all.images().get(0));
        assertThat(split.problems()).startsWith(all.problems().toArray(String[]::new));
        assertThat(split.problems()).last().isEqualTo(
                "split_list.txt line 4: image 'unlisted.jpg' has no captions in flickr8k:flickr8k_captions.csv; skipped");
    }

    @Test
    void matchesByFileNameWhenIdsHaveFolders() throws IOException {
        Files.writeString(tmp.resolve("split.txt"), "bird.jpg\n");
        CaptionDataset all = new PathCaptionCsvReader().read(DataFixtures.file("path_captions.csv"), DataFixtures.images());

        CaptionDataset split = SplitList.read(tmp.resolve("split.txt")).filter(all);

        assertThat(split.images()).extracting(ImageCaptions::imageId).containsExactly("sub/bird.jpg");
    }

    @Test
    void emptyOrMissingListIsAnError() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "\n \n");

        assertThatThrownBy(() -> SplitList.read(empty))
                .isInstanceOf(DatasetException.class)
                .hasMessage("split list " + empty + " lists no images");
        assertThatThrownBy(() -> SplitList.read(tmp.resolve("none.txt")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("none.txt does not exist");
    }
}
