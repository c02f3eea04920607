package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.SharedAssets;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The speed work (photos on worker threads, one interpreter per core, the decoder read from its plain weights file)
 * leaves every caption of the sample photos as it was, beam and greedy, for both shipped models: compared with the
 * captions made before it (test resources {@code before-speed/}, see the README there). The comparison runs on TFLite's
 * built-in kernels, which the captions before were made with; XNNPACK's kernels round differently (see
 * {@code DefaultModelDevMetricsTest#xnnPackKernelsKeepTheDevFigures}).
 */
class CaptionsUnchangedBySpeedWorkTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearKernels() {
        System.clearProperty("captionlab.encoder.kernels");
    }

    private record Row(String path, String rank, String caption, double logprob) {
    }

    @ParameterizedTest
    @CsvSource({"rnn-v1, beam", "rnn-v1, greedy", "lstm, beam", "lstm, greedy"})
    void sampleCaptionsAreThoseMadeBeforeTheSpeedWork(String model, String decoding) throws IOException {
        SharedAssets.require("photos");
        System.setProperty("captionlab.encoder.kernels", "reference");
        Path out = dir.resolve(model + "-" + decoding + ".csv");
        List<String> args = new ArrayList<>(List.of("caption", "--model", "models/" + model,
                "--encoder-weights", SharedAssets.mobileNetWeights().toString(), "../shared/photos", "sample-images",
                "--format", "csv", "--out", out.toString()));
        if (decoding.equals("greedy")) {
            args.add("--greedy");
        }
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();

        List<Row> now;
        try (Reader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            now = rows(r);
        }
        List<Row> before;
        try (InputStream in = getClass().getResourceAsStream("before-speed/" + model + "-" + decoding + ".csv")) {
            assertThat(in).as("fixture").isNotNull();
            before = rows(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(now).hasSameSizeAs(before).hasSizeGreaterThan(17);
        for (int i = 0; i < before.size(); i++) {
            Row b = before.get(i);
            Row n = now.get(i);
            assertThat(n.path() + " #" + n.rank() + ": " + n.caption()).isEqualTo(b.path() + " #" + b.rank() + ": " + b.caption());
            assertThat(n.logprob()).as(n.path()).isCloseTo(b.logprob(), org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    private static List<Row> rows(Reader r) throws IOException {
        List<Row> out = new ArrayList<>();
        for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            out.add(new Row(rec.get("path"), rec.get("rank"), rec.get("caption"), Double.parseDouble(rec.get("logprob"))));
        }
        return out;
    }

    static {
        // Referenced so that a rename of the property's home breaks this test at compile time.
        assertThat(MobileNetV2Encoder.KERNELS_ENV).isNotBlank();
    }
}
