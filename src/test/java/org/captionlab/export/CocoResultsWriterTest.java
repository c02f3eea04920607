package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.captionlab.data.CocoResults;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultsWriterTest {

    @TempDir
    Path tmp;

    private static Caption caption(String text) {
        List<String> words = List.of(text.split(" "));
        return new Caption(words, -1, -1, new double[words.size()], 0.5);
    }

    @Test
    void writesTheBestCaptionPerImageInCocoResultsFormat() throws IOException {
        Map<String, List<Caption>> ranked = new LinkedHashMap<>();
        ranked.put("391895", List.of(caption("a man rides a bike"), caption("a person on a bicycle")));
        ranked.put("12345_a1b2c3.jpg", List.of(caption("a girl climbs stairs")));
        Path out = tmp.resolve("results.json");

        CocoResultsWriter.writeBest(out, ranked);

        assertThat(Files.readString(out)).contains("{\"image_id\":391895,\"caption\":\"a man rides a bike\"}",
                "{\"image_id\":\"12345_a1b2c3.jpg\",\"caption\":\"a girl climbs stairs\"}");
        assertThat(CocoResults.read(out)).containsExactly(
                entry("391895", "a man rides a bike"), entry("12345_a1b2c3.jpg", "a girl climbs stairs"));
    }

    @Test
    void anImageWithoutCaptionsIsAnErrorAndNothingIsWritten() {
        Path out = tmp.resolve("results.json");

        assertThatThrownBy(() -> CocoResultsWriter.writeBest(out, Map.of("42", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 42 has no caption to write to " + out);
        assertThat(out).doesNotExist();
    }

    @Test
    void writesPlainCaptionsById() throws IOException {
        Path out = tmp.resolve("results.json");

        CocoResultsWriter.write(out, Map.of("7", "a cat"));

        assertThat(CocoResults.read(out)).containsExactly(entry("7", "a cat"));
    }
}
