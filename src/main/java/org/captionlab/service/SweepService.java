package org.captionlab.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.captionlab.export.CsvCell;
import org.captionlab.export.SafeCsvWriter;
import org.captionlab.imaging.ImagingParameters;
import org.captionlab.imaging.ImagingSystem;
import org.captionlab.util.AtomicFiles;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps of physical parameters: every photo captioned at every setting of a grid of one or two knobs
 * ({@link ImagingParameters}), with the other knobs fixed. Each finished setting is appended to
 * {@value #RESULTS_FILE} in the output folder (with its imaging chain and a fingerprint of the photos,
 * model and decoding), so a rerun skips the settings already done; then the table
 * ({@value #TABLE_FILE}, {@value #JSON_FILE}, {@value #MARKDOWN_FILE}), the per-photo captions
 * ({@value #CAPTIONS_FILE}) and the plot ({@value #PLOT_FILE}: score against the knob, or a heat map of
 * two knobs) are written from all finished settings.
 */
public final class SweepService {

    public static final String RESULTS_FILE = "results.jsonl";
    public static final String TABLE_FILE = "sweep.csv";
    public static final String JSON_FILE = "sweep.json";
    public static final String MARKDOWN_FILE = "sweep.md";
    public static final String CAPTIONS_FILE = "captions.csv";
    public static final String PLOT_FILE = "sweep.png";

    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One varied knob.
     *
     * @param name   canonical knob name
     * @param values the values, in sweep order
     */
    public record Axis(String name, List<Double> values) {
        public Axis {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("parameter " + name + " has no values to sweep");
            }
        }

        /** True when the values are best plotted on a log axis (a log-scale knob, all positive). */
        public boolean logScale() {
            return ImagingParameters.require(name).logScale() && values.stream().allMatch(v -> v > 0);
        }
    }

    /**
     * A finished setting.
     *
     * @param values  the knob values (fixed and varied, canonical names)
     * @param scores  its scores and captions
     * @param resumed true when read back from an earlier run's results
     */
    public record Row(Map<String, Double> values, PhysicalEvaluator.Scores scores, boolean resumed) {
    }

    /** A line of {@value #RESULTS_FILE}. */
    record Line(String fingerprint, Map<String, Double> values, PhysicalEvaluator.Scores scores) {
    }

    /**
     * The outcome.
     *
     * @param axes    the varied knobs
     * @param rows    every setting, in grid order
     * @param resumed settings read back from an earlier run
     * @param plot    the plot file
     */
    public record Outcome(List<Axis> axes, List<Row> rows, int resumed, Path plot) {
    }

    private SweepService() {
    }

    /**
     * The photos to caption: with {@code references} (a dataset's annotation file, optionally a split)
     * its images and their captions; otherwise every image file under {@code images}, without references.
     *
     * @param limit keep the first {@code limit} photos (null: all)
     * @throws IOException when there is no photo
     */
    public static List<PhysicalEvaluator.Photo> photos(Path images, DatasetSpec references, Integer limit) throws IOException {
        List<PhysicalEvaluator.Photo> out = new ArrayList<>();
        if (images != null && !Files.exists(images)) {
            throw new IOException("photo folder '" + images + "' does not exist; check --images");
        }
        if (references != null) {
            for (org.captionlab.data.ImageCaptions ic : DatasetLoading.load(references).images()) {
                out.add(new PhysicalEvaluator.Photo(ic.imageId(), ic.path(), ic.captions()));
            }
        } else {
            for (Path p : org.captionlab.image.ImageFiles.collect(List.of(images)).images()) {
                out.add(new PhysicalEvaluator.Photo(String.valueOf(p.getFileName()), p, List.of()));
            }
        }
        if (limit != null && out.size() > limit) {
            out = new ArrayList<>(out.subList(0, limit));
        }
        if (out.isEmpty()) {
            throw new IOException("no photos in '" + (references != null ? references.captions() : images) + "'"
                    + (references != null && references.split() != null ? " for split " + references.split() : "")
                    + "; check --images and --captions");
        }
        return out;
    }

    /**
     * Parses {@code name=a:b:n} (n values from a to b, evenly spaced), {@code name=a:b:n:log} (geometrically
     * spaced) or {@code name=v1,v2,…}; the name may be a knob's alias ({@code blur}).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Axis parseAxis(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + spec + "' is not NAME=FROM:TO:COUNT or NAME=V1,V2,…");
        }
        String name = ImagingParameters.require(spec.substring(0, eq)).name();
        String range = spec.substring(eq + 1).trim();
        List<Double> values = new ArrayList<>();
        try {
            if (range.contains(":")) {
                String[] p = range.split(":");
                if (p.length < 3 || p.length > 4 || (p.length == 4 && !p[3].equals("log"))) {
                    throw new IllegalArgumentException("'" + spec + "': a range is FROM:TO:COUNT or FROM:TO:COUNT:log");
                }
                double a = Double.parseDouble(p[0]);
                double b = Double.parseDouble(p[1]);
                int n = Integer.parseInt(p[2]);
                boolean log = p.length == 4;
                if (n < 1 || n > 1000) {
                    throw new IllegalArgumentException("'" + spec + "': COUNT must be 1..1000");
                }
                if (log && (a <= 0 || b <= 0)) {
                    throw new IllegalArgumentException("'" + spec + "': a log range needs positive ends");
                }
                for (int i = 0; i < n; i++) {
                    double t = n == 1 ? 0 : (double) i / (n - 1);
                    double v = log ? Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a))) : a + t * (b - a);
                    values.add(round(v));
                }
            } else {
                for (String s : range.split(",")) {
                    values.add(Double.parseDouble(s.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': not a number (" + e.getMessage() + ")");
        }
        Axis axis = new Axis(name, values);
        for (double v : values) {
            ImagingParameters.build(Map.of(name, v)); // range check now, not after an hour of encoding
        }
        return axis;
    }

    /** Parses {@code name=value}. */
    public static Map.Entry<String, Double> parseFixed(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + spec + "' is not NAME=VALUE");
        }
        String name = ImagingParameters.require(spec.substring(0, eq)).name();
        try {
            return Map.entry(name, Double.parseDouble(spec.substring(eq + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + spec.substring(eq + 1) + "' is not a number");
        }
    }

    /** Six significant digits, so that grids print and compare cleanly. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    /** The settings of the grid (first axis outermost), each with the fixed values. */
    public static List<Map<String, Double>> grid(List<Axis> axes, Map<String, Double> fixed) {
        List<Map<String, Double>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>(fixed));
        for (Axis a : axes) {
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> base : out) {
                for (double v : a.values()) {
                    Map<String, Double> m = new LinkedHashMap<>(base);
                    m.put(a.name(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * A fingerprint of what besides the imaging chain decides a result: the model, the decoding, the
     * guidance and the photos.
     */
    public static String fingerprint(String model, Object options, Object guide, List<PhysicalEvaluator.Photo> photos) {
        StringBuilder sb = new StringBuilder(model).append('|').append(options).append('|').append(guide);
        for (PhysicalEvaluator.Photo p : photos) {
            sb.append('|').append(p.imageId()).append(':').append(p.path().toAbsolutePath().normalize());
        }
        return Hashing.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * Runs the sweep (settings already in the output folder's results are not run again) and writes
     * the tables and the plot.
     *
     * @param progress photos done over all settings still to run
     */
    public static Outcome run(PhysicalEvaluator evaluator, String fingerprint, List<Axis> axes, Map<String, Double> fixed,
                              Path outDir, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        if (axes.isEmpty() || axes.size() > 2) {
            throw new IllegalArgumentException("a sweep varies one or two parameters, got " + axes.size());
        }
        Files.createDirectories(outDir);
        Path results = outDir.resolve(RESULTS_FILE);
        Map<ImagingSystem, Line> earlier = readResults(results, fingerprint);
        List<Map<String, Double>> settings = grid(axes, fixed);
        List<ImagingSystem> systems = new ArrayList<>();
        int toRun = 0;
        for (Map<String, Double> s : settings) {
            ImagingSystem sys = ImagingParameters.build(s);
            systems.add(sys);
            toRun += earlier.containsKey(sys) ? 0 : 1;
        }
        int photos = evaluator.photos().size();
        long total = (long) toRun * photos;
        long[] base = {0};
        List<Row> rows = new ArrayList<>();
        int resumed = 0;
        for (int i = 0; i < settings.size(); i++) {
            Map<String, Double> values = settings.get(i);
            ImagingSystem sys = systems.get(i);
            Line line = earlier.get(sys);
            if (line != null) {
                rows.add(new Row(values, line.scores(), true));
                resumed++;
                continue;
            }
            String label = describe(values, axes);
            PhysicalEvaluator.Scores scores = evaluator.evaluate(sys,
                    (done, all, msg) -> progress.progress(base[0] + done, total, label), cancelled);
            base[0] += photos;
            append(results, new Line(fingerprint, values, scores));
            earlier.put(sys, new Line(fingerprint, values, scores));
            rows.add(new Row(values, scores, false));
        }
        writeTables(outDir, axes, rows, evaluator.hasReferences());
        Path plot = outDir.resolve(PLOT_FILE);
        if (axes.size() == 1) {
            SweepPlots.line(plot, axes.get(0), rows, evaluator.hasReferences(), evaluator.photos().size());
        } else {
            SweepPlots.heatMap(plot, axes.get(0), axes.get(1), rows, evaluator.hasReferences(), evaluator.photos().size());
        }
        return new Outcome(axes, rows, resumed, plot);
    }

    /** "blur=2 noise.photons=100". */
    static String describe(Map<String, Double> values, List<Axis> axes) {
        StringBuilder sb = new StringBuilder();
        for (Axis a : axes) {
            sb.append(sb.length() == 0 ? "" : " ").append(a.name()).append('=').append(number(values.get(a.name())));
        }
        return sb.toString();
    }

    /** A knob value for tables: whole numbers without decimals, others with 4 significant digits. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static Map<ImagingSystem, Line> readResults(Path results, String fingerprint) throws IOException {
        Map<ImagingSystem, Line> out = new HashMap<>();
        if (!Files.exists(results)) {
            return out;
        }
        int other = 0;
        int lineNo = 0;
        for (String text : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            lineNo++;
            if (text.isBlank()) {
                continue;
            }
            Line line;
            try {
                line = JSON.readValue(text, Line.class);
            } catch (JsonProcessingException e) {
                // a line cut short by an interrupted run: that setting runs again
                LOG.warn("{} line {}: not a result ({}); the setting runs again", results, lineNo, e.getOriginalMessage());
                continue;
            }
            if (!fingerprint.equals(line.fingerprint())) {
                other++;
                continue;
            }
            out.put(line.scores().system(), line);
        }
        if (other > 0) {
            LOG.info("{}: {} results from other photos, model or decoding are ignored", results, other);
        }
        return out;
    }

    static void append(Path results, Line line) throws IOException {
        String text = JSON.writeValueAsString(line) + "\n";
        try (Writer w = Files.newBufferedWriter(results, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            w.write(text);
        }
    }

    private static void writeTables(Path outDir, List<Axis> axes, List<Row> rows, boolean refs) throws IOException {
        List<String> header = new ArrayList<>();
        axes.forEach(a -> header.add(a.name()));
        header.addAll(List.of("images", "BLEU-4", "CIDEr-D", "mention-F1", "top-1 probability", "mean log-prob",
                "seconds", "imaging system"));
        new SafeCsvWriter(header).write(outDir.resolve(TABLE_FILE), sink -> {
            for (Row r : rows) {
                List<CsvCell> cells = new ArrayList<>();
                axes.forEach(a -> cells.add(CsvCell.decimal(r.values().get(a.name()))));
                PhysicalEvaluator.Scores s = r.scores();
                cells.add(CsvCell.integer(s.images()));
                cells.add(metric(s.bleu4()));
                cells.add(metric(s.ciderD()));
                cells.add(metric(s.mentionF1()));
                cells.add(CsvCell.decimal(s.meanTopProbability(), 4));
                cells.add(CsvCell.decimal(s.meanLogProb(), 3));
                cells.add(CsvCell.decimal(s.seconds(), 1));
                cells.add(CsvCell.text(s.system().describe()));
                sink.row(cells);
            }
        });
        List<String> capHeader = new ArrayList<>();
        axes.forEach(a -> capHeader.add(a.name()));
        capHeader.addAll(List.of("image", "caption", "log-prob", "top label", "top probability", "CIDEr-D"));
        new SafeCsvWriter(capHeader).write(outDir.resolve(CAPTIONS_FILE), sink -> {
            for (Row r : rows) {
                for (PhysicalEvaluator.PhotoCaption c : r.scores().photos()) {
                    List<CsvCell> cells = new ArrayList<>();
                    axes.forEach(a -> cells.add(CsvCell.decimal(r.values().get(a.name()))));
                    cells.add(CsvCell.text(c.imageId()));
                    cells.add(CsvCell.text(c.caption()));
                    cells.add(CsvCell.decimal(c.logProb(), 3));
                    cells.add(CsvCell.text(c.topLabel()));
                    cells.add(CsvCell.decimal(c.topProbability(), 4));
                    cells.add(metric(c.ciderD()));
                    sink.row(cells);
                }
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parameters", axes);
        List<Map<String, Object>> jsonRows = new ArrayList<>();
        for (Row r : rows) {
            PhysicalEvaluator.Scores s = r.scores();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("values", r.values());
            m.put("system", s.system());
            m.put("images", s.images());
            m.put("BLEU-4", s.bleu4());
            m.put("CIDEr-D", s.ciderD());
            m.put("mention-F1", s.mentionF1());
            m.put("top-1 probability", s.meanTopProbability());
            m.put("mean log-prob", s.meanLogProb());
            m.put("seconds", s.seconds());
            jsonRows.add(m);
        }
        json.put("rows", jsonRows);
        AtomicFiles.writeString(outDir.resolve(JSON_FILE),
                JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        AtomicFiles.writeString(outDir.resolve(MARKDOWN_FILE), markdown(axes, rows, refs));
    }

    private static CsvCell metric(double v) {
        return Double.isNaN(v) ? CsvCell.text("") : CsvCell.decimal(v, 4);
    }

    /** The table as Markdown (what the README shows). */
    public static String markdown(List<Axis> axes, List<Row> rows, boolean refs) {
        StringBuilder sb = new StringBuilder("|");
        axes.forEach(a -> sb.append(' ').append(a.name()).append(" |"));
        sb.append(refs ? " BLEU-4 | CIDEr-D | mention F1 |" : "").append(" top-1 prob. | mean log-prob |\n|");
        sb.append("---|".repeat(axes.size() + (refs ? 5 : 2))).append('\n');
        for (Row r : rows) {
            sb.append('|');
            axes.forEach(a -> sb.append(' ').append(number(r.values().get(a.name()))).append(" |"));
            PhysicalEvaluator.Scores s = r.scores();
            if (refs) {
                sb.append(String.format(Locale.ROOT, " %.3f | %.3f | %.3f |", s.bleu4(), s.ciderD(), s.mentionF1()));
            }
            sb.append(String.format(Locale.ROOT, " %.3f | %.2f |\n", s.meanTopProbability(), s.meanLogProb()));
        }
        return sb.toString();
    }
}
