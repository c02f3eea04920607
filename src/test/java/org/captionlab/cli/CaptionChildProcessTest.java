package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.ChildJvm;
import org.captionlab.SharedAssets;
import org.captionlab.TestBundles;
import org.captionlab.export.CaptionStream;
import org.captionlab.image.LargePng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caption command as a separate process: killed with SIGKILL and SIGTERM in the middle of a
 * 300-photo run and resumed, a 100-megapixel picture under {@code -Xmx512m}, standard output on a full disk.
 */
class CaptionChildProcessTest {

    private static final int PHOTOS = 300;

    @TempDir
    static Path dir;

    private static Path model;
    private static String weights;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestBundles.mobileNetBundle(dir.resolve("tiny"));
        weights = SharedAssets.mobileNetWeights().toString();
    }

    private static List<String> captionArgs(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("caption", input.toString(), "--model", model.toString(),
                "--encoder-weights", weights, "--greedy"));
        args.addAll(List.of(extra));
        return args;
    }

    private static Process start(String maxHeap, List<String> args, Path log) throws IOException {
        return ChildJvm.builder(ChildJvm.command(maxHeap, "org.captionlab.Launcher", args), dir)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
    }

    /** Waits until {@code file} has at least {@code lines} line ends (the child is captioning). */
    private static void awaitLines(Path file, int lines, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && countLines(file) >= lines) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("child ended early with " + p.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("child wrote fewer than " + lines + " lines in time: " + Files.readString(log));
    }

    private static long countLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void killedAndTerminatedRunsLeaveAValidPartialOutputThatResumeCompletes() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        try (Stream<Path> all = Files.list(SharedAssets.require("flickr8k/images"))) {
            for (Path p : all.sorted().limit(PHOTOS).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        Path csv = dir.resolve("out/captions.csv");
        Files.createDirectories(csv.getParent());
        Path partial = csv.resolveSibling("captions.csv.partial");

        // 1. kill -9 after 30 photos: every photo written before is there, at most the one in flight is lost.
        Path log1 = dir.resolve("kill.log");
        Process killed = start("1g", captionArgs(photos, "--format", "csv", "--out", csv.toString()), log1);
        awaitLines(partial, 31, killed, log1);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(137);
        assertThat(csv).doesNotExist();
        String afterKill = Files.readString(partial, StandardCharsets.UTF_8);
        CaptionStream.Resume r1 = CaptionStream.resume(afterKill, CaptionStream.Format.CSV, "mobilenet-v2", "tiny");
        assertThat(r1.photos()).isGreaterThanOrEqualTo(29);

        // 2. SIGTERM during the resumed run: the photo in hand is finished, the output flushed, a message says how to go on.
        Path log2 = dir.resolve("term.log");
        Process terminated = start("1g", captionArgs(photos, "--format", "csv", "--out", csv.toString(), "--resume"), log2);
        awaitLines(partial, (int) countLines(partial) + 30, terminated, log2);
        terminated.destroy();
        assertThat(terminated.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(log2);
        assertThat(terminated.exitValue()).as(err).isEqualTo(143);
        assertThat(err).contains("interrupted: the captions of").contains("'" + partial + "'").contains("--resume");
        String afterTerm = Files.readString(partial, StandardCharsets.UTF_8);
        assertThat(afterTerm).endsWith("\r\n");
        List<CSVRecord> rows = readCsv(partial);
        assertThat(rows).allSatisfy(row -> assertThat(row.size()).isEqualTo(org.captionlab.export.CaptionColumn.headers().size()));
        assertThat(rows.size()).isGreaterThan((int) r1.photos() + 25).isLessThan(PHOTOS);

        // 3. --resume completes it: every photo exactly once, the partial file renamed into place.
        Path log3 = dir.resolve("resume.log");
        Process resumed = start("1g", captionArgs(photos, "--format", "csv", "--out", csv.toString(), "--resume"), log3);
        assertThat(resumed.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(log3)).isZero();
        assertThat(partial).doesNotExist();
        List<CSVRecord> all = readCsv(csv);
        assertThat(all).hasSize(PHOTOS);
        assertThat(all).extracting(row -> row.get("path")).doesNotHaveDuplicates();
    }

    @Test
    void aHundredMegapixelPictureUnderHalfAGigabyteHeapIsCaptionedAndTheBatchWritten() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("big"));
        LargePng.write(photos.resolve("b-100mp-16bit.png"), 10_000, 10_000, true);
        Files.copy(SharedAssets.photo("owl.jpg"), photos.resolve("a-owl.jpg"));
        Files.copy(SharedAssets.photo("parrot.jpg"), photos.resolve("c-parrot.jpg"));
        Path csv = dir.resolve("big.csv");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command("512m", "org.captionlab.Launcher",
                captionArgs(photos, "--format", "csv", "--out", csv.toString())), dir, 300);
        assertThat(r.exitCode()).as(r.err()).isIn(CaptionLabCommand.OK, CaptionLabCommand.SOME_FAILED);
        List<String> paths = readCsv(csv).stream().map(row -> Path.of(row.get("path")).getFileName().toString()).toList();
        assertThat(paths).contains("a-owl.jpg", "c-parrot.jpg");
        if (r.exitCode() == CaptionLabCommand.OK) {
            assertThat(paths).contains("b-100mp-16bit.png");
        } else {
            assertThat(r.err()).contains("b-100mp-16bit.png").contains("memory");
        }
        assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }

    @Test
    void standardOutputOnAFullDiskIsAnErrorWithAMessage() throws Exception {
        File full = new File("/dev/full");
        if (!full.exists()) {
            return; // not Linux: the failing-stream test in CaptionReliabilityTest covers it
        }
        Path log = dir.resolve("full.log");
        Process p = ChildJvm.builder(ChildJvm.command("512m", "org.captionlab.Launcher",
                        captionArgs(SharedAssets.photo("owl.jpg"), "--format", "csv")), dir)
                .redirectOutput(full).redirectError(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(Files.readString(log)).contains("cannot write to standard output");
    }
}
