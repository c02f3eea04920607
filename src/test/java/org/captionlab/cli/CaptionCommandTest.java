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
import org.captionlab.TestBundles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caption command end to end: real photos, the real MobileNetV2 encoder, an untrained test bundle. */
class CaptionCommandTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static String weights;

    @BeforeAll
    static void makeBundle() throws IOException {
        model = TestBundles.mobileNetBundle(dir.resolve("tiny"));
        weights = SharedAssets.mobileNetWeights().toString();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void sampleImagesGetThreeRankedAlternativesInCsv() throws IOException {
        Path csv = dir.resolve("captions.csv");
        Run r = run("caption", "sample-images", "--model", model.toString(), "--encoder-weights", weights,
                "--beam", "3", "--alternatives", "3", "--format", "csv", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<CSVRecord> rows = readCsv(csv);
        long images;
        try (var s = Files.list(Path.of("sample-images"))) {
            images = s.filter(p -> p.toString().endsWith(".jpg")).count();
        }
        assertThat(images).isGreaterThanOrEqualTo(5);
        assertThat(rows).hasSize((int) images * 3);
        assertThat(rows.get(0).getParser().getHeaderNames())
                .containsExactly("path", "rank", "caption", "logprob", "score", "encoder", "model", "guide", "warning");
        for (int i = 0; i < rows.size(); i += 3) {
            assertThat(List.of(rows.get(i).get("rank"), rows.get(i + 1).get("rank"), rows.get(i + 2).get("rank")))
                    .containsExactly("1", "2", "3");
            assertThat(rows.get(i).get("path")).isEqualTo(rows.get(i + 2).get("path"));
            double s1 = Double.parseDouble(rows.get(i).get("score"));
            double s3 = Double.parseDouble(rows.get(i + 2).get("score"));
            assertThat(s1).isGreaterThanOrEqualTo(s3);
            assertThat(rows.get(i).get("encoder")).isEqualTo("mobilenet-v2");
            assertThat(rows.get(i).get("model")).isEqualTo("tiny");
        }
    }

    @Test
    void brokenFileIsReportedAndTheRestIsCaptioned() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(SharedAssets.photo("cat_720p.jpg"), photos.resolve("cat.jpg"));
        Files.copy(SharedAssets.photo("hot_dog.jpg"), photos.resolve("nested-hot-dog.jpg"));
        Files.writeString(photos.resolve("broken.jpg"), "this is not a JPEG");
        Files.writeString(photos.resolve("notes.txt"), "not an image, skipped silently");
        Path csv = dir.resolve("partial.csv");
        Run r = run("caption", photos.toString(), "--model", model.toString(), "--encoder-weights", weights,
                "--beam", "2", "--alternatives", "2", "--format", "csv", "--out", csv.toString());
        assertThat(r.code()).isEqualTo(CaptionLabCommand.SOME_FAILED);
        assertThat(r.err()).contains("broken.jpg").contains("not an image");
        assertThat(r.err().lines().filter(l -> l.contains("broken.jpg")).count()).isEqualTo(1);
        List<CSVRecord> rows = readCsv(csv);
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(x -> Path.of(x.get("path")).getFileName().toString())
                .containsOnly("cat.jpg", "nested-hot-dog.jpg");
    }

    @Test
    void textFormatShowsCaptionsScoresAndImageNetLabels() {
        Run r = run("caption", SharedAssets.photo("hot_dog.jpg").toString(), "--model", model.toString(),
                "--encoder-weights", weights, "--beam", "3", "--alternatives", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hot_dog.jpg").contains("  1. ").contains("  2. ").contains("logp")
                .contains("ImageNet: hotdog");
    }

    @Test
    void jsonFormatHasPerWordProbabilities() throws IOException {
        Run r = run("caption", SharedAssets.photo("cat_720p.jpg").toString(), "--model", model.toString(),
                "--encoder-weights", weights, "--greedy", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode caption = root.get(0).get("captions").get(0);
        assertThat(caption.get("rank").asInt()).isEqualTo(1);
        assertThat(caption.get("words").size()).isEqualTo(caption.get("caption").asText().split(" ").length);
        assertThat(root.get(0).get("imagenet_labels").size()).isEqualTo(5);
    }

    @Test
    void missingModelIsOneClearFatalLine() {
        Run r = run("caption", "sample-images", "--model", dir.resolve("no-such-model").toString(),
                "--encoder-weights", weights);
        assertThat(r.code()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("no-such-model").contains("does not exist");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingInputIsReportedAndOthersGoOn() {
        Run r = run("caption", dir.resolve("nope.jpg").toString(), SharedAssets.photo("owl.jpg").toString(),
                "--model", model.toString(), "--encoder-weights", weights, "--greedy");
        assertThat(r.code()).isEqualTo(CaptionLabCommand.SOME_FAILED);
        assertThat(r.err()).contains("nope.jpg").contains("does not exist");
        assertThat(r.out()).contains("owl.jpg");
    }

    @Test
    void mismatchedEncoderIsRefused() throws IOException {
        Path other = TestBundles.bundle(dir.resolve("for-other-weights"), "mobilenet-v2",
                "0000000000000000000000000000000000000000000000000000000000000000", 1280, 3L);
        Run r = run("caption", "sample-images", "--model", other.toString(), "--encoder-weights", weights);
        assertThat(r.code()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("for-other-weights");
    }
}
