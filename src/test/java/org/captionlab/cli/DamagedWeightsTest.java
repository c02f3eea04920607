package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.captionlab.ChildJvm;
import org.captionlab.SharedAssets;
import org.captionlab.encoder.OpenWeightsMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged encoder weights never reach TFLite unchecked: each case runs in a child JVM, so a native crash
 * (which used to be SIGSEGV in {@code InterpreterBuilder::ParseTensors}, exit 134) fails the test
 * instead of killing the test run.
 */
class DamagedWeightsTest {

    @TempDir
    static Path dir;

    private static byte[] original;

    @BeforeAll
    static void readWeights() throws IOException {
        original = Files.readAllBytes(SharedAssets.mobileNetWeights());
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), dir.resolve("imagenet_labels.txt"));
    }

    /** The weights with one byte changed, beside the label list. */
    private static Path damaged(int offset) throws IOException {
        byte[] bytes = original.clone();
        bytes[offset] ^= (byte) 0xFF;
        Path file = dir.resolve("damaged-" + offset + ".tflite");
        Files.write(file, bytes);
        return file;
    }

    private static void assertNoCrashFiles(Path workingDirectory) throws IOException {
        try (Stream<Path> files = Files.list(workingDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    private static ChildJvm.Result caption(Path weights, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("caption", Path.of("sample-images", "dog.jpg").toAbsolutePath().toString(),
                "--model", Path.of("models", "default").toAbsolutePath().toString(),
                "--encoder-weights", weights.toString(), "--greedy"));
        args.addAll(List.of(extra));
        Path cwd = Files.createDirectories(dir.resolve("cwd-" + weights.getFileName()));
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command("1g", "org.captionlab.Launcher", args), cwd, 120);
        assertNoCrashFiles(cwd);
        return r;
    }

    @Test
    void damagedWeightsAreRefusedBeforeTfliteReadsThem() throws Exception {
        ChildJvm.Result r = caption(damaged(40));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("damaged-40.tflite").contains("are not the ones model 'default' was trained with")
                .contains("--unverified-weights").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unverifiedWeightsGoThroughTheFlatBufferVerifierFirst() throws Exception {
        ChildJvm.Result r = caption(damaged(0), "--unverified-weights");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("damaged-0.tflite").contains("not a valid TFLite model");
    }

    @Test
    void noOneByteChangeCrashesTheJvmEvenWhenUnverifiedWeightsAreAllowed() throws Exception {
        // The offsets that crashed before (0, 1, 40, 200), one the verifier passes but the builder refuses (16),
        // and a few seeded ones in the model's tables.
        List<Integer> offsets = new ArrayList<>(List.of(1, 16, 200));
        Random random = new Random(9);
        for (int i = 0; i < 3; i++) {
            offsets.add(random.nextInt(4096));
        }
        for (int offset : offsets) {
            Path weights = damaged(offset);
            Path cwd = Files.createDirectories(dir.resolve("probe-" + offset));
            ChildJvm.Result r = ChildJvm.run(ChildJvm.command("256m", OpenWeightsMain.class.getName(),
                    List.of(weights.toString(), dir.resolve("imagenet_labels.txt").toString(), "unverified")), cwd, 60);
            assertThat(r.exitCode()).as("offset %d: %s", offset, r.err()).isIn(0, 3);
            if (r.exitCode() == 3) {
                assertThat(r.err()).as("offset %d", offset).contains("refused: encoder weights '" + weights);
            }
            assertNoCrashFiles(cwd);

            // Without the option the same bytes never get past the SHA-256 check.
            ChildJvm.Result strict = ChildJvm.run(ChildJvm.command("256m", OpenWeightsMain.class.getName(),
                    List.of(weights.toString(), dir.resolve("imagenet_labels.txt").toString())), cwd, 60);
            assertThat(strict.exitCode()).as("offset %d: %s", offset, strict.err()).isEqualTo(3);
            assertThat(strict.err()).contains("SHA-256").contains("--unverified-weights").doesNotContain("Flatbuffer");
        }
    }
}
