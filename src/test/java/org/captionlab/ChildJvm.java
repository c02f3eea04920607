package org.captionlab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this project in a separate JVM with the test class path, so that a crash in
 * native code (or a deliberate kill) fails a test instead of killing the test JVM.
 */
public final class ChildJvm {

    /** What a child run left behind: exit code (137 = SIGKILL, 143 = SIGTERM, 134 = native crash) and output. */
    public record Result(int exitCode, String out, String err) {
    }

    private ChildJvm() {
    }

    /** The {@code java} of the running JVM. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command line for {@code mainClass} in a child JVM: {@code java -Xmx... -cp ... mainClass args}. */
    public static List<String> command(String maxHeap, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        if (maxHeap != null) {
            cmd.add("-Xmx" + maxHeap);
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        // A crash must show as an exit code here, not as an hs_err file in the project folder.
        cmd.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + File.separator + "captionlab-child-hs_err_%p.log");
        String home = System.getProperty("captionlab.home");
        if (home != null) {
            cmd.add("-Dcaptionlab.home=" + home);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** A started child with the environment tests use (passive OpenMP waits). */
    public static ProcessBuilder builder(List<String> command, Path workingDirectory) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> env = pb.environment();
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        return pb;
    }

    /** Runs to the end (killed after {@code timeoutSeconds}) and returns exit code, stdout and stderr. */
    public static Result run(List<String> command, Path workingDirectory, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("child-out", ".txt");
        Path err = Files.createTempFile("child-err", ".txt");
        try {
            Process p = builder(command, workingDirectory)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("child JVM did not finish in " + timeoutSeconds + " s: " + command
                        + "\nstderr: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
