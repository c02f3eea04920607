package org.captionlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command as a child process for {@code bench}: its wall time, exit code, output, and its resident memory
 * sampled from {@code /proc} (Linux; NaN elsewhere) every 50 ms — the high-water mark, and the highest RSS in the
 * first and last quarter of the run, which tells whether memory stays flat.
 */
final class ChildProcess {

    private static final long SAMPLE_MILLIS = 50;

    private ChildProcess() {
    }

    /**
     * What a run gave.
     *
     * @param output stdout and stderr together (the file they went to)
     */
    record Result(int exitCode, double seconds, double peakRssMb, double rssFirstQuarterMb, double rssLastQuarterMb,
                  Path output) {

        /** The last line the process printed (the reference script's JSON). */
        String lastLine() throws IOException {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i);
                }
            }
            return "";
        }

        /** The last lines of the output, to explain a failure. */
        String tail() {
            try {
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }
    }

    static Result run(List<String> command, Path output) throws IOException, InterruptedException {
        return run(command, output, List.of());
    }

    /**
     * As {@link #run(List, Path)}, without the environment variables named in {@code unset} (the reference must not
     * inherit {@code OMP_WAIT_POLICY=PASSIVE}, which the README asks for ND4J and which slows PyTorch's OpenMP).
     */
    static Result run(List<String> command, Path output, List<String> unset) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        unset.forEach(pb.environment()::remove);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        List<Double> rss = new ArrayList<>();
        double hwm = Double.NaN;
        while (!p.waitFor(SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                    if (line.startsWith("VmHWM:")) {
                        hwm = kbToMb(line);
                    } else if (line.startsWith("VmRSS:")) {
                        rss.add(kbToMb(line));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or the process just ended: memory is reported as unknown.
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int q = Math.max(1, rss.size() / 4);
        double first = rss.isEmpty() ? Double.NaN : rss.subList(0, q).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double last = rss.isEmpty() ? Double.NaN
                : rss.subList(rss.size() - q, rss.size()).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Result(p.exitValue(), seconds, hwm, first, last, output);
    }

    private static double kbToMb(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) / 1024.0;
    }
}
