package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "flickr8k_captions.csv, flickr8k",
        "flickr8k_token.txt, flickr8k",
        "coco_captions.json, coco",
        "karpathy_dataset.json, karpathy",
        "path_captions.csv, csv",
        "path_captions_noheader.csv, csv",
    })
    void detectsTheFormatOfEachFixture(String file, String format) throws IOException {
        assertThat(Datasets.detectFormat(DataFixtures.file(file))).isEqualTo(format);
    }

    @ParameterizedTest
    @CsvSource({
        "flickr8k_captions.csv, flickr8k:flickr8k_captions.csv, 3",
        "flickr8k_token.txt, flickr8k:flickr8k_token.txt, 3",
        "coco_captions.json, coco:coco_captions.json, 2",
        "karpathy_dataset.json, 'karpathy:karpathy_dataset.json[train,val,test,restval]', 4",
        "path_captions.csv, csv:path_captions.csv, 2",
    })
    void readsEachFixtureWithTheDetectedReader(String file, String name, int images) throws IOException {
        CaptionDataset ds = Datasets.read(DataFixtures.file(file), DataFixtures.images());

        assertThat(ds.name()).isEqualTo(name);
        assertThat(ds.images()).hasSize(images);
    }

    @Test
    void flickr8kFormatTellsCsvFromTokenFile() throws IOException {
        DatasetReader reader = Datasets.forFormat("Flickr8k");

        assertThat(reader.read(DataFixtures.file("flickr8k_captions.csv"), DataFixtures.images()).images().get(0).captions())
                .hasSize(3);
        assertThat(reader.read(DataFixtures.file("flickr8k_token.txt"), DataFixtures.images()).images().get(0).captions())
                .hasSize(2);
        assertThatThrownBy(() -> reader.read(DataFixtures.file("path_captions.csv"), DataFixtures.images()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("is not Flickr8k captions")
                .hasMessageContaining("'path,caption'");
    }

    @Test
    void formatIdsMapToTheirReaders() {
        assertThat(Datasets.forFormat("coco")).isInstanceOf(CocoCaptionsReader.class);
        assertThat(Datasets.forFormat("karpathy")).isInstanceOf(KarpathySplitReader.class);
        assertThat(Datasets.forFormat(" CSV ")).isInstanceOf(PathCaptionCsvReader.class);
        assertThat(Datasets.FORMAT_IDS).containsExactly("flickr8k", "coco", "karpathy", "csv");
        assertThatThrownBy(() -> Datasets.forFormat("voc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown dataset format 'voc'; expected one of flickr8k, coco, karpathy, csv");
    }

    @Test
    void cocoIsRecognisedWhenImagesComeFirst() throws IOException {
        Path json = Files.writeString(tmp.resolve("c.json"), "{\"info\": {\"x\": [1, 2]}, \"images\": [{\"id\": 1, "
                + "\"file_name\": \"a.jpg\"}, {\"id\": 2, \"file_name\": \"b.jpg\"}], \"annotations\": []}");

        assertThat(Datasets.detectFormat(json)).isEqualTo("coco");
    }

    @Test
    void unknownContentFailsListingTheFormats() throws IOException {
        Path oneColumn = Files.writeString(tmp.resolve("a.txt"), "hello world\nsecond line\n");
        Path otherJson = Files.writeString(tmp.resolve("b.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}]}");
        Path results = Files.writeString(tmp.resolve("c.json"), "[{\"image_id\": 1, \"caption\": \"x\"}]");
        Path empty = Files.writeString(tmp.resolve("d.csv"), "  \n");
        Path binary = Files.write(tmp.resolve("e.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});

        for (Path p : new Path[] {oneColumn, otherJson, results, empty, binary}) {
            assertThatThrownBy(() -> Datasets.read(p, tmp))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(p + " is not in a known dataset format (")
                    .hasMessageContaining("expected one of: COCO captions JSON")
                    .hasMessageContaining("Karpathy split JSON")
                    .hasMessageContaining("Flickr8k CSV")
                    .hasMessageContaining("Flickr8k token file")
                    .hasMessageContaining("CSV 'path,caption'");
        }
        assertThatThrownBy(() -> Datasets.detectFormat(oneColumn)).hasMessageContaining("its first line is 'hello world'");
        assertThatThrownBy(() -> Datasets.detectFormat(otherJson))
                .hasMessageContaining("\"images\" but neither \"annotations\" nor \"sentences\"");
        assertThatThrownBy(() -> Datasets.detectFormat(binary)).hasMessageContaining("not UTF-8 text");
    }
}
