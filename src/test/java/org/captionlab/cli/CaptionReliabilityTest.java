package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.SharedAssets;
import org.captionlab.TestBundles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caption command when things go wrong: a full disk, a bad {@code --out}, FIFOs, damaged JPEGs,
 * folders of things that are not photos, file names that look like options.
 */
class CaptionReliabilityTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static String weights;
    private static Path photos;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestBundles.mobileNetBundle(dir.resolve("tiny"));
        weights = SharedAssets.mobileNetWeights().toString();
        photos = Files.createDirectories(dir.resolve("photos"));
        for (String name : List.of("cat_720p.jpg", "hot_dog.jpg", "owl.jpg", "parrot.jpg", "pets.jpg")) {
            Files.copy(SharedAssets.photo(name), photos.resolve(name));
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--model", model.toString(), "--encoder-weights", weights));
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** A disk that fills up after {@code room} bytes: what fits is written, then ENOSPC. */
    private static final class FullDisk extends FilterOutputStream {
        private long room;

        FullDisk(OutputStream out, long room) {
            super(out);
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int fits = (int) Math.min(len, room);
            out.write(b, off, fits);
            room -= fits;
            if (fits < len) {
                out.flush();
                throw new IOException("No space left on device");
            }
        }
    }

    @Test
    void aFullDiskKeepsWhatWasWrittenAndResumeFinishesIt() throws IOException {
        Path csv = dir.resolve("full/captions.csv");
        Files.createDirectories(csv.getParent());
        CaptionCommand.opener = file -> new FullDisk(CaptionCommand.FILES.open(file), 700);
        Run full;
        try {
            full = run("caption", photos.toString(), "--beam", "2", "--alternatives", "2", "--format", "csv",
                    "--out", csv.toString());
        } finally {
            CaptionCommand.opener = CaptionCommand.FILES;
        }
        Path partial = csv.resolveSibling("captions.csv.partial");
        assertThat(full.code()).as(full.err()).isEqualTo(CaptionLabCommand.SOME_FAILED);
        assertThat(full.err()).contains("cannot write '" + partial + "'").contains("No space left on device")
                .contains("--resume").doesNotContain("\tat ");
        assertThat(csv).doesNotExist();
        assertThat(partial).exists();
        assertThat(Files.size(partial)).isEqualTo(700);

        // Without --resume the partial output is not thrown away.
        Run again = run("caption", photos.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(again.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(again.err()).contains("--resume");

        Run resumed = run("caption", photos.toString(), "--beam", "2", "--alternatives", "2", "--format", "csv",
                "--out", csv.toString(), "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(partial).doesNotExist();
        List<CSVRecord> rows = readCsv(csv);
        assertThat(rows).hasSize(10);
        assertThat(rows).extracting(r -> Path.of(r.get("path")).getFileName().toString() + "#" + r.get("rank"))
                .doesNotHaveDuplicates().hasSize(10);
        // the new file has the permissions a new file gets here, not a temporary file's 0600
        Path fresh = Files.createFile(dir.resolve("full/fresh"));
        assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(Files.getPosixFilePermissions(fresh));
    }

    @Test
    void standardOutputThatFailsIsAnErrorNotASilentCut() {
        StringWriter err = new StringWriter();
        PrintWriter broken = new PrintWriter(new FullDisk(OutputStream.nullOutputStream(), 100), true);
        int code = CaptionLabCommand.run(broken, new PrintWriter(err), "caption", photos.toString(), "--greedy",
                "--model", model.toString(), "--encoder-weights", weights);
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("cannot write to standard output");
    }

    @Test
    void outNamingAFolderIsAUsageErrorBeforeAnyWork() {
        Run r = run("caption", photos.toString(), "--out", dir.toString());
        assertThat(r.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(r.err()).contains("is a folder");
        Run noOut = run("caption", photos.toString(), "--resume");
        assertThat(noOut.code()).isEqualTo(CaptionLabCommand.USAGE);
    }

    @Test
    void aSymbolicLinkOutIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("captions.jsonl");
        Files.writeString(real, "old\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real);
        Run r = run("caption", SharedAssets.photo("owl.jpg").toString(), "--greedy", "--format", "jsonl",
                "--out", link.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("owl.jpg").doesNotContain("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-rw-r--");
    }

    @Test
    void fifosAreRefusedWithoutBlockingAndTheOthersAreCaptioned() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(SharedAssets.photo("owl.jpg"), mixed.resolve("owl.jpg"));
        Path fifo = mixed.resolve("pipe.jpg");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                run("caption", fifo.toString(), mixed.toString(), "--greedy", "--format", "jsonl"));
        assertThat(r.code()).isEqualTo(CaptionLabCommand.SOME_FAILED);
        assertThat(r.err()).contains("'" + fifo + "' is a FIFO (named pipe), not an image file")
                .contains("skipped 1 FIFO, socket or device (not a file): '" + fifo + "' (a FIFO (named pipe))");
        assertThat(r.out().lines()).hasSize(1).allSatisfy(l -> assertThat(l).contains("owl.jpg"));
    }

    @Test
    void aFolderOfUnusableThingsSaysWhatWasSkippedAndWhatIsRead() throws IOException {
        Path junk = Files.createDirectories(dir.resolve("junk"));
        for (String name : List.of("a.webp", "b.heic", "c.svg")) {
            Files.writeString(junk.resolve(name), "x");
        }
        Files.createSymbolicLink(junk.resolve("gone.jpg"), junk.resolve("nothing.jpg"));
        Run r = run("caption", junk.toString());
        assertThat(r.code()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("skipped 3 files that are not images in a supported format (JPEG, PNG, BMP, GIF or TIFF)")
                .contains("a.webp").contains("b.heic").contains("c.svg")
                .contains("skipped 1 broken symbolic link: '" + junk.resolve("gone.jpg") + "'")
                .contains("no images found").contains("JPEG, PNG, BMP, GIF or TIFF");
    }

    @Test
    void damagedJpegsAreRefusedUnlessAcceptedAndThenCarryAWarning() throws IOException {
        Path damaged = Files.createDirectories(dir.resolve("damaged")).resolve("cut.jpg");
        byte[] bytes = Files.readAllBytes(SharedAssets.photo("hot_dog.jpg"));
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));

        Run refused = run("caption", damaged.toString(), "--greedy");
        assertThat(refused.code()).isEqualTo(CaptionLabCommand.SOME_FAILED);
        assertThat(refused.err()).contains("cut.jpg").contains("truncated").contains("--accept-damaged");

        Path csv = dir.resolve("damaged.csv");
        Run accepted = run("caption", damaged.toString(), "--greedy", "--accept-damaged", "--format", "csv",
                "--out", csv.toString());
        assertThat(accepted.code()).as(accepted.err()).isZero();
        assertThat(accepted.err()).contains("warning: image '" + damaged + "'");
        assertThat(readCsv(csv).get(0).get("warning")).isNotBlank();
    }

    @Test
    void aFileNameStartingWithADashGoesAfterDoubleDashAndIsKeptAsAPath() throws IOException {
        Path dash = Path.of("-captionlab-reliability-test.jpg");
        Files.copy(SharedAssets.photo("owl.jpg"), dash);
        try {
            Path csv = dir.resolve("dash.csv");
            StringWriter err = new StringWriter();
            int code = CaptionLabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "caption",
                    "--greedy", "--format", "csv", "--out", csv.toString(), "--model", model.toString(),
                    "--encoder-weights", weights, "--", dash.toString());
            assertThat(code).as(err.toString()).isZero();
            String path = readCsv(csv).get(0).get("path");
            assertThat(path).isEqualTo("./" + dash);
            assertThat(Path.of(path)).exists();
        } finally {
            Files.deleteIfExists(dash);
        }
        StringWriter help = new StringWriter();
        CaptionLabCommand.run(new PrintWriter(help), new PrintWriter(new StringWriter()), "caption", "--help");
        assertThat(help.toString()).contains("'--'");
    }

    @Test
    void modelNamingAFileSaysWhatModelTakes() throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "x");
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "caption",
                photos.toString(), "--model", file.toString(), "--encoder-weights", weights);
        assertThat(code).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(err.toString()).contains("is a file, not a model folder").contains("manifest.json");
    }

    @Test
    void permissionErrorsSayWhatWentWrong() {
        assertThat(Errors.message(new java.nio.file.AccessDeniedException("/data/photos/x.jpg")))
                .isEqualTo("permission denied for '/data/photos/x.jpg': check its permissions and those of its folder");
        assertThat(Errors.message(new java.nio.file.FileSystemException("/mnt/full/c.csv", null, "No space left on device")))
                .isEqualTo("'/mnt/full/c.csv': No space left on device");
    }
}
