package org.captionlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Images;
import org.captionlab.service.StageBenchmark;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code captionlab bench}: how fast captioning is on this machine, stage by stage and end to end, and — with
 * {@code --reference} — the same figures of a PyTorch pipeline of the same shape ({@code bench/reference_pytorch.py})
 * measured in the same run, each of ours given as a ratio to it. Writes every figure as JSON with {@code --json}
 * for comparison between commits.
 *
 * <p>Both pipelines read the same prepared folders: {@code --small} Flickr8k photos squashed to 224×224 and
 * {@code --large} ones resized to 1024×768 (JPEG). End-to-end figures run the real command ({@code caption
 * FOLDER --beam 3 --format csv --out FILE}) in a child process, start-up included; cold start is a child captioning
 * one photo; peak RSS is the child's high-water mark ({@code /proc}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark encoding, decoding and captioning whole folders on this machine.",
            "With --reference, a PyTorch pipeline of the same shape runs in the same run and every figure is also a ratio to it."})
final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);
    /** Environment the PyTorch reference runs without: PyTorch's own OpenMP defaults, not ND4J's advice. */
    private static final List<String> REFERENCE_UNSET = List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS");
    /** The app's measuring switch and log line (gui.CaptionLabApp's; the command line does not depend on the GUI). */
    static final String EXIT_WHEN_SHOWN = "captionlab.exitWhenShown";
    static final String SHOWN_MESSAGE = "window shown, first frame after";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--images", paramLabel = "DIR", defaultValue = "../shared/flickr8k/images",
            description = "Photos the benchmark folders are made from (default ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--small", paramLabel = "N", defaultValue = "300", description = "Photos squashed to 224×224 for the end-to-end run (default ${DEFAULT-VALUE}).")
    int small;

    @Option(names = "--large", paramLabel = "N", defaultValue = "100", description = "Photos resized to 1024×768 for the end-to-end run (default ${DEFAULT-VALUE}).")
    int large;

    @Option(names = "--repeat", defaultValue = "20", description = "Timed rounds per stage after one warm-up round (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--vgg16", paramLabel = "N", defaultValue = "3", description = "Images VGG16 (random weights, no download) encodes; 0 skips it (default ${DEFAULT-VALUE}).")
    int vgg16;

    @Option(names = "--many", paramLabel = "N", defaultValue = "0", description = "Also caption N photos (copies of the small ones) and report whether the memory stays flat (default off).")
    int many;

    @Option(names = "--reference", description = "Run bench/reference_pytorch.py in the same run and print ratios (needs python3-torch, python3-torchvision, python3-pil).")
    boolean reference;

    @Option(names = "--python", paramLabel = "EXE", description = "Python for --reference (default /usr/bin/python3, else python3).")
    String python;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure as JSON.")
    Path json;

    /**
     * One figure.
     *
     * @param key          JSON name, shared with the reference script's output
     * @param label        what was measured
     * @param unit         ms, s, img/s or MB
     * @param higherBetter true for rates
     */
    record Figure(String key, String label, String unit, boolean higherBetter, double ours) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(source)) {
            err.println("captionlab bench: photo folder '" + source + "' does not exist: pass --images DIR");
            return CaptionLabCommand.FATAL;
        }
        List<Path> photos = Images.collect(List.of(source)).images();
        if (photos.size() < 8) {
            err.println("captionlab bench: '" + source + "' has " + photos.size() + " photos, at least 8 are needed");
            return CaptionLabCommand.FATAL;
        }
        Path work = Files.createTempDirectory("captionlab-bench");
        try {
            err.println("bench: preparing " + small + " photos of 224×224 and " + large + " of 1024×768 in " + work);
            err.flush();
            Path smallDir = StageBenchmark.prepareFolder(photos, small, 224, 224, work.resolve("small"));
            Path largeDir = StageBenchmark.prepareFolder(photos, large, 1024, 768, work.resolve("large"));
            List<Figure> figures = new ArrayList<>();
            inProcess(smallDir, largeDir, figures, err);
            endToEnd(smallDir, largeDir, work, figures, err);
            JsonNode ref = reference ? runReference(smallDir, largeDir, work, err) : null;
            print(out, figures, ref);
            if (json != null) {
                writeJson(figures, ref);
            }
            return CaptionLabCommand.OK;
        } finally {
            deleteTree(work);
        }
    }

    // ---- in-process stages ------------------------------------------------------------------------------

    private void inProcess(Path smallDir, Path largeDir, List<Figure> figures, PrintWriter err) throws IOException {
        try (CaptioningService service = modelOptions.openService(err)) {
            for (StageBenchmark.Stage st : StageBenchmark.measure(service, smallDir, largeDir, repeat, vgg16, line -> {
                err.println("bench: " + line);
                err.flush();
            })) {
                figures.add(new Figure(st.key(), st.label(), "ms", false, st.millis()));
            }
        }
    }

    // ---- whole processes ------------------------------------------------------------------------------------

    private void endToEnd(Path smallDir, Path largeDir, Path work, List<Figure> figures, PrintWriter err)
            throws IOException, InterruptedException {
        err.println("bench: end to end (child processes)");
        err.flush();
        Path one = Images.collect(List.of(smallDir)).images().get(0);
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(ChildProcess.run(captionCommand(List.of(one.toString())), work.resolve("one.log")).seconds());
        }
        starts.sort(null);
        figures.add(new Figure("cold_start_s", "cold start: caption one photo (whole process, median of 3)", "s", false,
                starts.get(1)));
        windowShown(work, figures, err);
        ChildProcess.Result s = ChildProcess.run(captionCommand(List.of(smallDir.toString(), "--beam", "3", "--format",
                "csv", "--out", work.resolve("small.csv").toString())), work.resolve("small.log"));
        requireOk(s, "the 224×224 folder");
        figures.add(new Figure("end_to_end_small_img_per_s", "end to end, " + small + " photos 224×224, beam 3, CSV"
                + " (whole process)", "img/s", true, small / s.seconds()));
        figures.add(new Figure("peak_rss_mb", "peak RSS of that process", "MB", false, s.peakRssMb()));
        ChildProcess.Result l = ChildProcess.run(captionCommand(List.of(largeDir.toString(), "--beam", "3", "--format",
                "csv", "--out", work.resolve("large.csv").toString())), work.resolve("large.log"));
        requireOk(l, "the 1024×768 folder");
        figures.add(new Figure("end_to_end_large_img_per_s", "end to end, " + large + " photos 1024×768, beam 3, CSV"
                + " (whole process)", "img/s", true, large / l.seconds()));
        if (many > 0) {
            Path manyDir = copies(smallDir, many, work.resolve("many"));
            ChildProcess.Result m = ChildProcess.run(captionCommand(List.of(manyDir.toString(), "--beam", "3", "--format",
                    "csv", "--out", work.resolve("many.csv").toString())), work.resolve("many.log"));
            requireOk(m, "the " + many + " photos");
            figures.add(new Figure("many_img_per_s", "end to end, " + many + " photos 224×224", "img/s", true,
                    many / m.seconds()));
            figures.add(new Figure("many_rss_first_quarter_mb", "  RSS, highest in the first quarter of that run", "MB",
                    false, m.rssFirstQuarterMb()));
            figures.add(new Figure("many_rss_last_quarter_mb", "  RSS, highest in the last quarter of that run", "MB",
                    false, m.rssLastQuarterMb()));
        }
    }

    /**
     * The desktop app's start-up: a child process started with {@value #EXIT_WHEN_SHOWN} logs when its window showed
     * its first frame and quits (median of 3, first start: an empty home folder). Needs a display; on a machine
     * without one, run bench under {@code xvfb-run -a}.
     */
    private void windowShown(Path work, List<Figure> figures, PrintWriter err) throws IOException, InterruptedException {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            err.println("bench: no display, so the app window is not timed (run bench under xvfb-run -a for it)");
            err.flush();
            return;
        }
        List<Double> shown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("-D" + EXIT_WHEN_SHOWN + "=true");
            cmd.add("-Dcaptionlab.console.level=INFO");
            cmd.add("-Dcaptionlab.home=" + work.resolve("gui-home-" + i));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("org.captionlab.Launcher");
            ChildProcess.Result r = ChildProcess.run(cmd, work.resolve("window.log"));
            Double ms = null;
            for (String line : Files.readAllLines(r.output(), java.nio.charset.StandardCharsets.UTF_8)) {
                int at = line.indexOf(SHOWN_MESSAGE);
                if (at >= 0) {
                    ms = Double.parseDouble(line.substring(at + SHOWN_MESSAGE.length()).replace("ms", "").trim());
                }
            }
            if (r.exitCode() != 0 || ms == null) {
                // The other figures stand without this one (a display without GTK, say).
                err.println("bench: the app window could not be timed (exit code " + r.exitCode() + "): " + r.tail());
                err.flush();
                return;
            }
            shown.add(ms / 1000);
        }
        shown.sort(null);
        figures.add(new Figure("window_shown_s", "app window: first frame after process start (median of 3)", "s", false,
                shown.get(1)));
    }

    private static void requireOk(ChildProcess.Result r, String what) throws IOException {
        if (r.exitCode() != 0) {
            throw new IOException("captioning " + what + " failed with exit code " + r.exitCode() + ": " + r.tail());
        }
    }

    /** {@code java -cp <this class path> Launcher caption ARGS} with this run's model options. */
    private List<String> captionCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.captionlab.Launcher");
        cmd.add("caption");
        if (modelOptions.model != null) {
            for (Path m : modelOptions.model) {
                cmd.add("--model");
                cmd.add(m.toString());
            }
        }
        if (modelOptions.encoderWeights != null) {
            cmd.add("--encoder-weights");
            cmd.add(modelOptions.encoderWeights.toString());
        }
        cmd.addAll(args);
        return cmd;
    }

    private JsonNode runReference(Path smallDir, Path largeDir, Path work, PrintWriter err)
            throws IOException, InterruptedException {
        Path script = Path.of("bench", "reference_pytorch.py");
        if (!Files.isRegularFile(script)) {
            throw new IOException("the reference script '" + script.toAbsolutePath() + "' is missing: run bench from the"
                    + " project folder");
        }
        String exe = python != null ? python : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        err.println("bench: PyTorch reference (" + exe + " " + script + ")");
        err.flush();
        Path one = Images.collect(List.of(smallDir)).images().get(0);
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChildProcess.Result r = ChildProcess.run(List.of(exe, script.toString(), "--one", one.toString()),
                    work.resolve("ref-one.log"), REFERENCE_UNSET);
            requireReference(r);
            starts.add(r.seconds());
        }
        starts.sort(null);
        ChildProcess.Result r = ChildProcess.run(List.of(exe, script.toString(), "--small", smallDir.toString(), "--large",
                largeDir.toString(), "--out", work.resolve("ref.csv").toString(), "--reps", Integer.toString(repeat),
                "--vgg", Integer.toString(vgg16)), work.resolve("ref.log"), REFERENCE_UNSET);
        requireReference(r);
        ObjectNode node = (ObjectNode) JSON.readTree(r.lastLine());
        node.put("cold_start_s", starts.get(1));
        return node;
    }

    private static void requireReference(ChildProcess.Result r) throws IOException {
        if (r.exitCode() != 0) {
            throw new IOException("the PyTorch reference failed (exit code " + r.exitCode() + "; install python3-torch,"
                    + " python3-torchvision and python3-pil with apt-get): " + r.tail());
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private void print(PrintWriter out, List<Figure> figures, JsonNode ref) {
        out.printf(Locale.ROOT, "bench: model %s, %d cores, Java %s%s%n",
                modelName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ref != null ? ", PyTorch " + ref.path("torch").asText() + " on "
                        + ref.path("threads").asInt() + " threads" : "");
        out.print(BenchTable.render(figures, ref));
        if (ref != null) {
            out.println("ratio: how many times better CaptionLab's figure is (its rate ÷ the reference's, or the reference's"
                    + " time or memory ÷ its); the reference's end-to-end rates are its loop only, without start-up.");
        }
        out.flush();
    }

    /** The model folder(s) benchmarked, as given ("default" when none was). */
    private String modelName() {
        return modelOptions.model == null || modelOptions.model.isEmpty() ? "default"
                : String.join(" + ", modelOptions.model.stream().map(Path::toString).toList());
    }

    /** How many times better ours is: > 1 when CaptionLab is faster or smaller. */
    static double ratio(Figure f, double theirs) {
        return f.higherBetter() ? f.ours() / theirs : theirs / f.ours();
    }

    private void writeJson(List<Figure> figures, JsonNode ref) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("java", System.getProperty("java.version"));
        doc.put("model", modelName());
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Figure f : figures) {
            ours.put(f.key(), f.ours());
            if (ref != null && ref.has(f.key())) {
                ratios.put(f.key(), ratio(f, ref.get(f.key()).asDouble()));
            }
        }
        doc.put("captionlab", ours);
        if (ref != null) {
            doc.put("reference", ref);
            doc.put("ratio", ratios);
        }
        AtomicFiles.writeString(json, JSON.writeValueAsString(doc) + "\n");
    }

    // ---- folders ---------------------------------------------------------------------------------------------

    /** {@code n} photos in {@code dir}: hard links to the small ones, round robin (no disk space needed). */
    private static Path copies(Path smallDir, int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = Images.collect(List.of(smallDir)).images();
        for (int i = 0; i < n; i++) {
            Path target = dir.resolve(String.format(Locale.ROOT, "%06d.jpg", i));
            Path from = files.get(i % files.size());
            try {
                Files.createLink(target, from);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from, target);
            }
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("could not delete {}", p, e);
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete the benchmark folder {}", dir, e);
        }
    }
}
