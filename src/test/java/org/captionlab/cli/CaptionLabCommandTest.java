package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CaptionLabCommandTest {

    @Test
    void noArgumentsOrAppOptionsStartTheApp() {
        assertThat(CaptionLabCommand.isCommandLine(new String[0])).isFalse();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"--model", "models/x"})).isFalse();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"--model=models/x", "--encoder-weights", "w.tflite"})).isFalse();
    }

    /** {@code captionlab ~/Pictures} opens the photos in the app; a command's name still wins over a folder of that name. */
    @Test
    void existingPhotosAndFoldersOpenInTheApp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path photo = java.nio.file.Files.createFile(dir.resolve("cat.jpg"));
        assertThat(CaptionLabCommand.isCommandLine(new String[] {dir.toString()})).isFalse();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"--model", "m", photo.toString(), dir.toString()}))
                .isFalse();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {dir.resolve("missing.jpg").toString()})).isTrue();
        assertThat(CaptionLabCommand.isPathToOpen("caption")).isFalse();
        assertThat(CaptionLabCommand.isPathToOpen("--help")).isFalse();
    }

    @Test
    void commandsAndHelpAreCommandLine() {
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"caption", "a.jpg"})).isTrue();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"--help"})).isTrue();
        assertThat(CaptionLabCommand.isCommandLine(new String[] {"--model", "m", "caption"})).isTrue();
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("caption", "features", "train", "evaluate", "bench");
    }

    @Test
    void unknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "caption", "--no-such-option", "x.jpg");
        assertThat(code).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(err.toString()).contains("--no-such-option");
    }
}
