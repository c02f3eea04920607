package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.captionlab.data.KarpathySplitReader.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarpathySplitReaderTest {

    @TempDir
    Path tmp;

    private final Path file = DataFixtures.file("karpathy_dataset.json");

    @Test
    void readsAllSplitsByDefault() throws IOException {
        CaptionDataset ds = new KarpathySplitReader().read(file, DataFixtures.images());

        assertThat(ds.name()).isEqualTo("karpathy:karpathy_dataset.json[train,val,test,restval]");
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "cat.jpg", "beach.jpg", "7");
        assertThat(ds.images().get(0).captions()).containsExactly("A brown dog runs.", "A dog plays.");
        assertThat(ds.images().get(1).captions()).containsExactly("A cat sleeps.");
    }

    @Test
    void selectsSplits() throws IOException {
        CaptionDataset train = KarpathySplitReader.of(Split.TRAIN, Split.RESTVAL).read(file, DataFixtures.images());
        CaptionDataset test = new KarpathySplitReader(EnumSet.of(Split.TEST)).read(file, DataFixtures.images());

        assertThat(train.name()).isEqualTo("karpathy:karpathy_dataset.json[train,restval]");
        assertThat(train.images()).extracting(ImageCaptions::imageId).containsExactly("dog.jpg", "7");
        assertThat(test.images()).extracting(ImageCaptions::imageId).containsExactly("beach.jpg");
        assertThat(test.problems()).isEmpty();
    }

    @Test
    void usesCocoIdAsImageIdAndFilepathInThePath() throws IOException {
        CaptionDataset ds = KarpathySplitReader.of(Split.RESTVAL).read(file, DataFixtures.images());

        assertThat(ds.images()).singleElement().satisfies(img -> {
            assertThat(img.imageId()).isEqualTo("7");
            assertThat(img.path()).isEqualTo(DataFixtures.images().resolve("sub/bird.jpg").toAbsolutePath().normalize());
        });
    }

    @Test
    void reportsEmptySentencesAndMissingFiles() throws IOException {
        CaptionDataset ds = new KarpathySplitReader().read(file, DataFixtures.images());

        assertThat(ds.problems()).hasSize(2);
        assertThat(ds.problems().get(0))
                .isEqualTo("karpathy_dataset.json line 5, image #1: sentence #1 of image 'cat.jpg' is empty; skipped");
        assertThat(ds.problems().get(1)).startsWith("karpathy_dataset.json line 12, image #4: image file ")
                .contains("missing.jpg", "does not exist");
    }

    @Test
    void unknownSplitNameIsAProblemNotAFailure() throws IOException {
        Path json = Files.writeString(tmp.resolve("k.json"), "{\"images\": [\n"
                + "{\"filename\": \"a.jpg\", \"split\": \"train\", \"sentences\": [{\"raw\": \"x\"}]},\n"
                + "{\"filename\": \"b.jpg\", \"split\": \"holdout\", \"sentences\": [{\"raw\": \"y\"}]}]}");

        CaptionDataset ds = new KarpathySplitReader(EnumSet.allOf(Split.class), ImageCheck.SKIP).read(json, tmp);

        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("a.jpg");
        assertThat(ds.problems()).singleElement().asString()
                .startsWith("k.json line 3, image #1: unknown Karpathy split 'holdout'");
    }

    @Test
    void missingKeysAreNotThisFormat() throws IOException {
        Path noImages = Files.writeString(tmp.resolve("a.json"), "{\"dataset\": \"x\"}");
        Path noSentences = Files.writeString(tmp.resolve("b.json"),
                "{\"images\": [{\"filename\": \"a.jpg\", \"split\": \"train\"}]}");
        Path noRaw = Files.writeString(tmp.resolve("c.json"),
                "{\"images\": [{\"filename\": \"a.jpg\", \"split\": \"train\", \"sentences\": [{\"tokens\": []}]}]}");

        assertThatThrownBy(() -> new KarpathySplitReader().read(noImages, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessage(noImages + " is not a Karpathy split file: it has no \"images\" array");
        assertThatThrownBy(() -> new KarpathySplitReader().read(noSentences, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(noSentences + " line 1: image #0 needs")
                .hasMessageContaining("sentences missing");
        assertThatThrownBy(() -> new KarpathySplitReader().read(noRaw, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("sentence #0 of image 'a.jpg' has no string \"raw\"");
    }

    @Test
    void splitNamesParseCaseInsensitivelyAndUnknownNamesListTheValidOnes() {
        assertThat(Split.parse("RestVal")).isEqualTo(Split.RESTVAL);
        assertThat(Split.TRAIN.id()).isEqualTo("train");
        assertThatThrownBy(() -> Split.parse("dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Karpathy split 'dev'; expected one of train, val, test, restval");
        assertThatThrownBy(() -> new KarpathySplitReader(EnumSet.noneOf(Split.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
