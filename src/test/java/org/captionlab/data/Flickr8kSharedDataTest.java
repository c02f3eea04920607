package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;

/** Reads the real Flickr8k captions and split lists in {@code ../shared/flickr8k}. */
class Flickr8kSharedDataTest {

    private final Path root = SharedAssets.require("flickr8k");

    @Test
    void captionsCover7000ImagesWithFiveCaptionsEachAndSplitsAreDisjoint() throws IOException {
        long start = System.nanoTime();
        CaptionDataset all = Datasets.read(root.resolve("captions.txt"), root.resolve("images"));
        long readMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(all.problems()).isEmpty();
        assertThat(all.images()).hasSize(7000);
        assertThat(all.images()).allSatisfy(img -> assertThat(img.captions()).hasSize(5));
        assertThat(all.images().stream().mapToInt(img -> img.captions().size()).sum()).isEqualTo(35_000);
        assertThat(readMillis).as("reading 35,000 captions and checking 7,000 files").isLessThan(10_000);

        CaptionDataset train = SplitList.read(root.resolve("Flickr_8k.trainImages.txt")).filter(all);
        CaptionDataset dev = SplitList.read(root.resolve("Flickr_8k.devImages.txt")).filter(all);

        assertThat(train.images()).hasSize(6000);
        assertThat(dev.images()).hasSize(1000);
        assertThat(train.problems()).isEmpty();
        assertThat(dev.problems()).isEmpty();
        Set<String> trainIds = new HashSet<>();
        train.images().forEach(img -> trainIds.add(img.imageId()));
        assertThat(dev.images()).noneMatch(img -> trainIds.contains(img.imageId()));
    }
}
