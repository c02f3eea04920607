package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.captionlab.model.EpochStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} refuses to overwrite a model folder without --force, and prints readable epoch lines. */
class TrainOutputTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run train(Path out, String... extra) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] base = {"train", "--captions", dir.resolve("no-captions.txt").toString(), "--val-split",
            dir.resolve("no-split.txt").toString(), "--out", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        int code = CaptionLabCommand.run(new PrintWriter(o), new PrintWriter(e), args);
        return new Run(code, o.toString(), e.toString());
    }

    private Path existingModel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(model.resolve("manifest.json"), "{\"name\": \"mine\"}");
        Files.writeString(model.resolve("vocab.txt"), "a\n");
        Files.writeString(model.resolve("decoder.zip"), "weights");
        Files.writeString(model.resolve("training-log.csv"), "epoch\n");
        Files.createDirectories(model.resolve("checkpoint"));
        return model;
    }

    @Test
    void anExistingModelFolderIsRefusedWithoutForceNamingWhatIsInIt() throws IOException {
        Path model = existingModel();

        Run r = train(model);

        assertThat(r.code()).as(r.err()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).startsWith("captionlab train: --out '" + model + "' already holds a model (checkpoint/, decoder.zip,"
                + " manifest.json, training-log.csv and 1 more): pass --force to overwrite it, --resume to continue its"
                + " training, or choose another folder\n");
        assertThat(Files.readString(model.resolve("manifest.json"))).isEqualTo("{\"name\": \"mine\"}");
    }

    @Test
    void forceAndResumeGetPastTheCheckAndAnEmptyFolderNeedsNeither() throws IOException {
        Path model = existingModel();
        // Past the check, the missing captions file is what stops them (exit 3), not the folder.
        assertThat(train(model, "--force").err()).doesNotContain("--force to overwrite");
        assertThat(train(model, "--resume").err()).doesNotContain("--force to overwrite");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = train(empty);
        assertThat(r.err()).doesNotContain("--force to overwrite").contains("no-captions.txt");
        assertThat(r.code()).isEqualTo(CaptionLabCommand.FATAL);
    }

    @Test
    void aFileAsOutIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "x");
        Run r = train(file, "--force");
        assertThat(r.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).contains("--out '" + file + "' is a file");
    }

    @Test
    void mirrorOptionErrorsAreUsageErrorsBeforeAnyWork() {
        Path model = dir.resolve("new-model");
        Run withScst = train(model, "--mirror", "--scst", "--from", dir.resolve("some-model").toString());
        assertThat(withScst.code()).as(withScst.err()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(withScst.err()).startsWith("captionlab train: --mirror is an option of cross-entropy training,"
                + " not of --scst / --from\n").doesNotContain("Exception", "\tat ");

        Run withValue = train(model, "--mirror=perhaps");
        assertThat(withValue.code()).as(withValue.err()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(withValue.err()).startsWith("captionlab train: ").contains("--mirror").doesNotContain("\tat ");

        // Accepted on its own: what stops it is the missing captions file (exit 3), not the option.
        Run accepted = train(model, "--mirror");
        assertThat(accepted.code()).as(accepted.err()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(accepted.err()).contains("no-captions.txt");
        assertThat(model).doesNotExist();
    }

    @Test
    void epochLineIsReadableWithTheTimeLeft() {
        EpochStats s = new EpochStats(3, 2.91349, 3.35123, 28.54, 0.14234, 0.37111, 1.234, 4.567, 0.9812, 128.4);

        assertThat(TrainOutput.epochLine(s, 12, true, TrainOutput.secondsLeft(390, 3, 9))).isEqualTo(
                "epoch 3/12  train loss 2.913  val loss 3.351 (perplexity 28.5)  BLEU-4 0.142  CIDEr-D 0.371"
                        + "  grad 1.23 (max 4.57)  radius 0.98  128 s  about 20 min left  (best, saved)");
        assertThat(TrainOutput.epochLine(s, 3, false, 0)).endsWith("radius 0.98  128 s");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(TrainOutput.duration(42)).isEqualTo("42 s");
        assertThat(TrainOutput.duration(185)).isEqualTo("3 min");
        assertThat(TrainOutput.duration(3900)).isEqualTo("1 h 05 min");
        assertThat(TrainOutput.secondsLeft(0, 0, 5)).isNegative();
    }
}
