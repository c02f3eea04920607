package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.captionlab.SharedAssets;
import org.captionlab.TestBundles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad option values are usage errors (exit 2) in one sentence naming the option and its range, never exit 3. */
class OptionValidationTest {

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--beam|0|--beam must be between 1 and 100, not 0",
        "--beam|-3|--beam must be between 1 and 100, not -3",
        "--temperature|0|--temperature must be above 0 and at most 100 (e.g. 0.8), not 0",
        "--temperature|-1.5|--temperature must be above 0 and at most 100 (e.g. 0.8), not -1.5",
        "--alternatives|0|--alternatives must be between 1 and 100, not 0",
        "--max-length|0|--max-length must be between 1 and 200, not 0",
        "--length-alpha|-1|--length-alpha must be between 0 and 10 (0 = no length normalisation), not -1",
        "--block-repeat|-1|--block-repeat must be between 0 and 10, not -1",
    })
    void outOfRangeValuesAreUsageErrorsBeforeAnyWork(String option, String value, String sentence) {
        // A model folder that does not exist: the range check must come first, or this would be exit 3.
        Run r = run("caption", "--model", dir.resolve("no-such-model").toString(), option, value,
                SharedAssets.photo("cat_720p.jpg").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).startsWith("captionlab caption: " + sentence + "\n")
                .contains("(see 'captionlab caption --help')")
                .doesNotContain("Exception", "Usage:", "\tat ");
        assertThat(r.err().lines()).hasSize(2);
    }

    @Test
    void moreAlternativesThanTheBeamKeepsIsAUsageError() {
        Run r = run("caption", "--model", model.toString(), "--encoder-weights", weights,
                "--alternatives", "10", "--beam", "3", SharedAssets.photo("cat_720p.jpg").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).startsWith("captionlab caption: --alternatives 10 is more than the beam keeps: give at most"
                + " --alternatives 3, or a --beam of at least 10\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void formatIsAcceptedInAnyCase() throws IOException {
        Path csv = dir.resolve("upper.csv");
        Run r = run("caption", "--model", model.toString(), "--encoder-weights", weights, "--format", "CSV",
                "--out", csv.toString(), SharedAssets.photo("cat_720p.jpg").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(csv)).startsWith("path,rank,caption,");
    }

    @Test
    void evaluateWithoutOutPrintsTheMetricsTable() throws IOException {
        Path preds = Files.writeString(dir.resolve("preds.json"),
                "[{\"image_id\": 1, \"caption\": \"a dog runs on the grass\"}]");
        Path refs = Files.writeString(dir.resolve("refs.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"1.jpg\"}],"
                + " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"caption\": \"a dog runs through the grass\"},"
                + " {\"id\": 2, \"image_id\": 1, \"caption\": \"a brown dog is running\"}]}");

        Run r = run("evaluate", "--predictions", preds.toString(), "--references", refs.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("preds.json on 1 images:").contains("BLEU-4").contains("CIDEr-D");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("report.json");
        }
    }
}
