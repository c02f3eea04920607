package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading references in each format the core reads, without the images, and matching them to photos. */
class ReferenceLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void flickr8kTokenFileMatchesPhotosAnywhereByFileName() throws IOException {
        Path file = Files.writeString(tmp.resolve("Flickr8k.token.txt"), """
                1000268201_693b08cb0e.jpg#0\tA child in a pink dress is climbing up a set of stairs .
                1000268201_693b08cb0e.jpg#1\tA girl going into a wooden building .
                """);
        References refs = ReferenceLoader.read(file);

        assertThat(refs.format()).isEqualTo("flickr8k");
        References.Match m = refs.match(Path.of("/photos/trip/1000268201_693b08cb0e.jpg"));
        assertThat(m.kind()).isEqualTo(References.MatchKind.FILE_NAME);
        assertThat(m.image().captions()).hasSize(2);
        assertThat(refs.match(Path.of("/photos/other.jpg")).kind()).isEqualTo(References.MatchKind.NONE);
    }

    @Test
    void cocoAndKarpathyFilesAreReadWithoutTheirImages() throws IOException {
        Path coco = Files.writeString(tmp.resolve("captions_val2014.json"), """
                {"images": [{"id": 391895, "file_name": "COCO_val2014_000000391895.jpg"}],
                 "annotations": [{"image_id": 391895, "id": 1, "caption": "A man riding a bike."},
                                 {"image_id": 391895, "id": 2, "caption": "   "}]}
                """);
        References c = ReferenceLoader.read(coco);
        assertThat(c.format()).isEqualTo("coco");
        var match = c.match(Path.of("/anywhere/COCO_val2014_000000391895.jpg"));
        assertThat(match.image().imageId()).as("the COCO id, for COCO results").isEqualTo("391895");
        assertThat(match.image().captions()).containsExactly("A man riding a bike.");

        Path karpathy = Files.writeString(tmp.resolve("dataset_flickr8k.json"), """
                {"images": [{"filename": "a.jpg", "split": "test", "sentences": [{"raw": "A dog runs .", "tokens": ["a"]},
                                                                               {"raw": "!!!", "tokens": []}]}]}
                """);
        References k = ReferenceLoader.read(karpathy);
        assertThat(k.format()).isEqualTo("karpathy");
        assertThat(k.find(Path.of("/x/a.jpg")).orElseThrow().captions()).as("a reference without words is dropped")
                .containsExactly("A dog runs .");
        assertThat(k.droppedReferences()).isEqualTo(1);
    }

    @Test
    void pathsWinOverNamesAndSharedNamesMatchOnlyByPath() throws IOException {
        Path csv = Files.writeString(tmp.resolve("refs.csv"), """
                a/1.jpg,a cat
                b/1.jpg,a dog
                c/2.jpg,a bird
                """);
        References refs = ReferenceLoader.read(csv);

        assertThat(refs.match(tmp.resolve("a/1.jpg")).image().captions()).containsExactly("a cat");
        assertThat(refs.match(tmp.resolve("b/1.jpg")).kind()).isEqualTo(References.MatchKind.PATH);
        assertThat(refs.match(Path.of("/elsewhere/1.jpg")).kind()).as("1.jpg names two images")
                .isEqualTo(References.MatchKind.AMBIGUOUS);
        assertThat(refs.match(Path.of("/elsewhere/2.jpg")).image().captions()).containsExactly("a bird");
    }

    @Test
    void aFileInNoKnownFormatIsOneSentenceNamingIt() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "just some notes\nwithout structure\n");
        assertThatThrownBy(() -> ReferenceLoader.read(text))
                .isInstanceOf(IOException.class).hasMessageContaining("notes.txt").hasMessageContaining("not in a known dataset format");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "path,caption\nx.jpg,...\n");
        assertThatThrownBy(() -> ReferenceLoader.read(empty)).hasMessageContaining("no usable reference captions");
    }
}
