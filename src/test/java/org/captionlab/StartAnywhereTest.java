package org.captionlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.captionlab.gui.CaptionLabAppAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started from a folder other than the project's, with an empty user cache and no flags, CaptionLab
 * still finds its default model and the encoder weights beside the installation; without a display
 * the app says so in one sentence.
 */
class StartAnywhereTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private Result launch(Map<String, String> env, List<String> unset, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(ChildJvm.command("1g", "org.captionlab.Launcher", List.of(args)));
        // A fresh home: nothing in the user cache, so the weights must come from beside the installation.
        cmd.removeIf(a -> a.startsWith("-Dcaptionlab.home="));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        ProcessBuilder pb = ChildJvm.builder(cmd, elsewhere);
        pb.environment().remove("CAPTIONLAB_ENCODER_WEIGHTS");
        pb.environment().remove("CAPTIONLAB_MODEL");
        pb.environment().put("CAPTIONLAB_HOME", tmp.resolve("home").toString());
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not finish: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void captionsFromAnotherFolderWithNoFlags() throws Exception {
        Path cat = SharedAssets.photo("cat_720p.jpg").toAbsolutePath();

        Result r = launch(Map.of(), List.of(), "caption", cat.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(cat + "\n").contains("  1. ").contains("ImageNet: Egyptian cat");
        assertThat(tmp.resolve("home").resolve("encoders").resolve("mobilenet_v2_1.0_224_quant.tflite")).doesNotExist();
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneSentence() throws Exception {
        Result r = launch(Map.of(), List.of("DISPLAY", "WAYLAND_DISPLAY"));

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo(CaptionLabAppAccess.noDisplaySentence() + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDisplayThatCannotBeOpenedIsTheSameSentenceWithoutJavaFxsWarning() throws Exception {
        Result r = launch(Map.of("DISPLAY", ":4242"), List.of("WAYLAND_DISPLAY"));

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains(CaptionLabAppAccess.noDisplaySentence())
                .doesNotContain("Exception", "\tat ", "Unsupported JavaFX configuration");
    }
}
