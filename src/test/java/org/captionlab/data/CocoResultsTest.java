package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultsTest {

    @TempDir
    Path tmp;

    @Test
    void readsIntegerAndStringIdsAsStringKeysInFileOrder() throws IOException {
        Map<String, String> results = CocoResults.read(DataFixtures.file("coco_results.json"));

        assertThat(results).containsExactly(entry("42", "a green field"), entry("dog.jpg", "a dog runs"), entry("73", ""));
    }

    @Test
    void aSecondCaptionForAnImageIsAnErrorNamingTheId() throws IOException {
        Path json = Files.writeString(tmp.resolve("r.json"),
                "[\n{\"image_id\": 7, \"caption\": \"a\"},\n{\"image_id\": 8, \"caption\": \"b\"},\n{\"image_id\": 7, \"caption\": \"c\"}\n]");

        assertThatThrownBy(() -> CocoResults.read(json))
                .isInstanceOf(DatasetException.class)
                .hasMessage(json + " line 4: image_id 7 has a second caption (the first is on line 2); "
                        + "a results file holds one caption per image");
    }

    @Test
    void malformedResultsFailNamingTheFile() throws IOException {
        Path object = Files.writeString(tmp.resolve("o.json"), "{\"image_id\": 1}");
        Path noCaption = Files.writeString(tmp.resolve("n.json"), "[{\"image_id\": 1, \"text\": \"x\"}]");
        Path floatId = Files.writeString(tmp.resolve("f.json"), "[{\"image_id\": 1.5, \"caption\": \"x\"}]");

        assertThatThrownBy(() -> CocoResults.read(object)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(object + " line 1: expected a JSON array but found an object");
        assertThatThrownBy(() -> CocoResults.read(noCaption)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(noCaption + " line 1: result #0 needs").hasMessageContaining("caption missing");
        assertThatThrownBy(() -> CocoResults.read(floatId)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("image_id a number");
    }

    @Test
    void writesNumericIdsAsIntegersAndOthersAsStringsAndReadsThemBack() throws IOException {
        Map<String, String> captions = new LinkedHashMap<>();
        captions.put("42", "a \"quoted\" caption, with a comma");
        captions.put("dog.jpg", "un café — 猫");
        captions.put("007", "leading zeros stay a string");
        Path out = tmp.resolve("results.json");

        CocoResults.write(out, captions);

        String json = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[\n"
                + "  {\"image_id\":42,\"caption\":\"a \\\"quoted\\\" caption, with a comma\"},\n"
                + "  {\"image_id\":\"dog.jpg\",\"caption\":\"un café — 猫\"},\n"
                + "  {\"image_id\":\"007\",\"caption\":\"leading zeros stay a string\"}\n"
                + "]\n");
        assertThat(CocoResults.read(out)).containsExactlyEntriesOf(captions);
    }

    @Test
    void writesAnEmptyArrayForNoResults() throws IOException {
        Path out = tmp.resolve("none.json");

        CocoResults.write(out, Map.of());

        assertThat(Files.readString(out)).isEqualTo("[]\n");
        assertThat(CocoResults.read(out)).isEmpty();
    }

    @Test
    void readsCocoAnnotationsAsReferencesWithoutNeedingTheImages() throws IOException {
        Map<String, List<String>> refs = CocoResults.readReferences(DataFixtures.file("coco_captions.json"));

        assertThat(refs).containsExactly(
                entry("73", List.of("A red barn beside a road.")),
                entry("42", List.of("A green field under a clear sky.", "Grass as far as the eye can see.")),
                entry("99", List.of("A caption of an image whose file is missing.")));
    }
}
