package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caption --guide}: the shipped model, the real encoder, the cat photo. */
class GuidedCaptionCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String cat() {
        return SharedAssets.require("photos").resolve("cat_720p.jpg").toString();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void theCsvSaysWhichLabelGuidedEachCaption() throws IOException {
        String weights = SharedAssets.mobileNetWeights().toString();
        Path guided = dir.resolve("guided.csv");
        Run r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights, "--format", "csv",
                "--out", guided.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<CSVRecord> rows = csv(guided);
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("caption")).containsPattern("\\bcats?\\b");
            assertThat(row.get("guide")).contains("Egyptian cat").endsWith("→ cat");
        });

        Path off = dir.resolve("off.csv");
        r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights, "--format", "csv",
                "--guide", "off", "--out", off.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<CSVRecord> unguided = csv(off);
        assertThat(unguided).allSatisfy(row -> assertThat(row.get("guide")).isEmpty());
        // The dog prior, unguided: the best caption calls the cat a dog (a lower alternative may say "cat").
        assertThat(unguided.get(0).get("caption")).doesNotContainPattern("\\bcats?\\b").containsPattern("\\bdogs?\\b");
    }

    @Test
    void theJsonAndTextSayItToo() throws IOException {
        String weights = SharedAssets.mobileNetWeights().toString();
        Run r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights, "--format", "json",
                "--guide", "labels", "--guide-threshold", "0.5");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode guide = new ObjectMapper().readTree(r.out()).get(0).get("guide");
        assertThat(guide.get("labels").get(0).get("label").asText()).isEqualTo("Egyptian cat");
        assertThat(guide.get("words").get(0).asText()).isEqualTo("cat");
        assertThat(guide.get("fell_back").asBoolean()).isFalse();

        r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights);
        assertThat(r.out()).containsPattern("guided by: Egyptian cat 0\\.[78]\\d").contains("→ cat");
    }

    @Test
    void contradictoryOrOutOfRangeGuideOptionsAreUsageErrors() {
        String weights = SharedAssets.mobileNetWeights().toString();
        Run r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights, "--guide", "off",
                "--guide-threshold", "0.5");
        assertThat(r.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).contains("--guide off cannot be combined");
        r = run("caption", cat(), "--model", "models/default", "--encoder-weights", weights, "--guide-threshold", "1.5");
        assertThat(r.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).contains("guide threshold must be in (0, 1]");
    }
}
