package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoCaptionsReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsImagesInImagesOrderWithTheirCaptions() throws IOException {
        CaptionDataset ds = new CocoCaptionsReader().read(DataFixtures.file("coco_captions.json"), DataFixtures.images());

        assertThat(ds.name()).isEqualTo("coco:coco_captions.json");
        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("73", "42");
        assertThat(ds.images().get(0).captions()).containsExactly("A red barn beside a road.");
        assertThat(ds.images().get(0).path())
                .isEqualTo(DataFixtures.images().resolve("coco_000073.jpg").toAbsolutePath().normalize());
        assertThat(ds.images().get(1).captions())
                .containsExactly("A green field under a clear sky.", "Grass as far as the eye can see.");
    }

    @Test
    void reportsUnknownImagesEmptyCaptionsImagesWithoutCaptionsAndMissingFiles() throws IOException {
        CaptionDataset ds = new CocoCaptionsReader().read(DataFixtures.file("coco_captions.json"), DataFixtures.images());

        assertThat(ds.problems()).containsExactly(
                "coco_captions.json line 7, annotation #3: image_id 1000 is not in \"images\"; caption skipped",
                "coco_captions.json line 8, annotation #4: caption of image 73 is empty; skipped",
                "coco_captions.json line 15, image #3: image '5' has no captions; skipped",
                "coco_captions.json line 14, image #2: image file "
                        + DataFixtures.images().resolve("coco_000099.jpg").toAbsolutePath().normalize()
                        + " does not exist; its 1 caption is skipped");
    }

    @Test
    void withoutImageCheckKeepsImagesThatAreNotOnThisMachine() throws IOException {
        CaptionDataset ds = new CocoCaptionsReader(ImageCheck.SKIP).read(DataFixtures.file("coco_captions.json"), tmp);

        assertThat(ds.images()).extracting(ImageCaptions::imageId).containsExactly("73", "42", "99");
        assertThat(ds.images().get(2).path()).isEqualTo(tmp.resolve("coco_000099.jpg").toAbsolutePath().normalize());
    }

    @Test
    void acceptsStringIdsAndMinifiedFiles() throws IOException {
        Path json = Files.writeString(tmp.resolve("c.json"),
                "{\"images\":[{\"id\":\"a1\",\"file_name\":\"a.jpg\"}],\"annotations\":[{\"image_id\":\"a1\",\"caption\":\"x\"}]}");

        CaptionDataset ds = new CocoCaptionsReader(ImageCheck.SKIP).read(json, tmp);

        assertThat(ds.images()).singleElement().extracting(ImageCaptions::imageId).isEqualTo("a1");
    }

    @Test
    void missingArraysOrKeysAreNotThisFormat() throws IOException {
        Path noAnnotations = Files.writeString(tmp.resolve("a.json"), "{\"images\": []}");
        Path noFileName = Files.writeString(tmp.resolve("b.json"),
                "{\"images\": [\n{\"id\": 1}\n], \"annotations\": []}");
        Path badCaption = Files.writeString(tmp.resolve("c.json"),
                "{\"images\": [], \"annotations\": [\n{\"image_id\": 1, \"caption\": 3}]}");

        assertThatThrownBy(() -> new CocoCaptionsReader().read(noAnnotations, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessage(noAnnotations + " is not a COCO captions file: it has no \"annotations\" array");
        assertThatThrownBy(() -> new CocoCaptionsReader().read(noFileName, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(noFileName + " line 2: image #0 needs")
                .hasMessageContaining("file_name missing");
        assertThatThrownBy(() -> new CocoCaptionsReader().read(badCaption, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(badCaption + " line 2: annotation #0 needs")
                .hasMessageContaining("caption a number");
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path json = Files.writeString(tmp.resolve("bad.json"), "{\"images\": [\n{\"id\": 1,, }\n]}");

        assertThatThrownBy(() -> new CocoCaptionsReader().read(json, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(json + " line 2")
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void aJsonArrayIsNotThisFormat() throws IOException {
        Path json = Files.writeString(tmp.resolve("results.json"), "[{\"image_id\": 1, \"caption\": \"x\"}]");

        assertThatThrownBy(() -> new CocoCaptionsReader().read(json, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(json + " line 1: expected a JSON object but found an array");
    }
}
