package org.captionlab.service;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.captionlab.export.CsvCell;
import org.captionlab.export.SafeCsvWriter;
import org.captionlab.imaging.ImagingParameters;
import org.captionlab.imaging.ImagingSystem;
import org.captionlab.util.AtomicFiles;
import org.captionlab.util.ProgressListener;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Optimises physical parameters (the lecture's closing question: what should the camera be so that the
 * model says the right thing?): maximises
 * <pre>  J(x) = CIDEr-D(x) − Σ_k w_k · x_k</pre>
 * over a box of knob values x, CIDEr-D measured on a reference set through the imaging chain x makes,
 * w_k the stated cost per unit of knob k (e.g. per photon per pixel). The search is CMA-ES (Hansen's
 * covariance matrix adaptation evolution strategy, Apache Commons Math 3) in coordinates normalised to
 * [0, 1] per knob (logarithmic for log-scale knobs such as the photon count), rounded to 1/200 of the
 * range so that CMA-ES's repeated samples of one setting cost nothing. The budget counts distinct
 * settings captioned. Every setting goes to {@value SweepService#RESULTS_FILE} like a sweep's, so a rerun
 * (same seed, same path) resumes.
 */
public final class OptimiseService {

    public static final String TABLE_FILE = "optimise.csv";
    public static final String JSON_FILE = "optimise.json";
    public static final String PATH_PLOT = "optimise-path.png";
    public static final String TRADEOFF_PLOT = "optimise-tradeoff.png";

    /** Grid of the normalised coordinates. */
    static final int STEPS = 200;

    /**
     * A searched knob.
     *
     * @param name canonical knob name
     * @param lo   lower bound
     * @param hi   upper bound
     * @param log  searched on a log scale
     */
    public record Bound(String name, double lo, double hi, boolean log) {
        public Bound {
            if (!(lo < hi)) {
                throw new IllegalArgumentException(name + ": the lower bound " + lo + " must be below the upper bound " + hi);
            }
            if (log && lo <= 0) {
                throw new IllegalArgumentException(name + ": a log-scale range needs a positive lower bound");
            }
        }

        double value(double u) {
            double t = Math.max(0, Math.min(1, Math.rint(u * STEPS) / STEPS));
            double v = log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
            return SweepService.round(Math.max(lo, Math.min(hi, v)));
        }
    }

    /**
     * One setting the search captioned.
     *
     * @param index     1-based order in the search
     * @param values    knob values (searched ones only)
     * @param cost      Σ w_k x_k
     * @param ciderD    CIDEr-D
     * @param objective J = CIDEr-D − cost
     * @param bleu4     BLEU-4
     * @param seconds   time spent captioning (0 when resumed)
     */
    public record Evaluation(int index, Map<String, Double> values, double cost, double ciderD, double objective,
                             double bleu4, double seconds) {
    }

    /**
     * The outcome.
     *
     * @param path   every distinct setting, in search order
     * @param best   the setting with the highest objective
     * @param pareto the settings no other beats on both cost and CIDEr-D, by cost
     */
    public record Outcome(List<Evaluation> path, Evaluation best, List<Evaluation> pareto, ImagingSystem bestSystem) {
    }

    /** Scores a setting (knob values → CIDEr-D and BLEU-4). */
    @FunctionalInterface
    public interface Scorer {
        double[] score(Map<String, Double> values) throws IOException;
    }

    private static final class BudgetSpent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(IOException cause) {
            super(cause);
        }
    }

    private OptimiseService() {
    }

    /** Parses {@code name=lo:hi} or {@code name=lo:hi:log} / {@code :lin} (default: the knob's usual scale). */
    public static Bound parseBound(String spec) {
        int eq = spec.indexOf('=');
        String[] p = eq > 0 ? spec.substring(eq + 1).split(":") : new String[0];
        if (eq <= 0 || p.length < 2 || p.length > 3 || (p.length == 3 && !p[2].equals("log") && !p[2].equals("lin"))) {
            throw new IllegalArgumentException("'" + spec + "' is not NAME=LOW:HIGH (or NAME=LOW:HIGH:log|lin)");
        }
        ImagingParameters.Knob knob = ImagingParameters.require(spec.substring(0, eq));
        try {
            double lo = Double.parseDouble(p[0]);
            double hi = Double.parseDouble(p[1]);
            boolean log = p.length == 3 ? p[2].equals("log") : knob.logScale() && lo > 0;
            ImagingParameters.build(Map.of(knob.name(), lo));
            ImagingParameters.build(Map.of(knob.name(), hi));
            return new Bound(knob.name(), lo, hi, log);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': not a number (" + e.getMessage() + ")");
        }
    }

    /**
     * CMA-ES over the bounds, at most {@code budget} distinct settings scored.
     *
     * @param costs cost per unit of each knob (canonical names; others cost nothing)
     */
    public static Outcome search(List<Bound> bounds, Map<String, Double> costs, int budget, long seed, Scorer scorer)
            throws IOException {
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("nothing to optimise: give at least one --vary NAME=LOW:HIGH");
        }
        if (budget < 2) {
            throw new IllegalArgumentException("the budget must allow at least 2 settings, got " + budget);
        }
        int n = bounds.size();
        Map<Map<String, Double>, Evaluation> seen = new HashMap<>();
        List<Evaluation> path = new ArrayList<>();
        ObjectiveFunction f = new ObjectiveFunction(u -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                values.put(bounds.get(i).name(), bounds.get(i).value(u[i]));
            }
            Evaluation e = seen.get(values);
            if (e == null) {
                if (path.size() >= budget) {
                    throw new BudgetSpent();
                }
                long start = System.nanoTime();
                double[] s;
                try {
                    s = scorer.score(values);
                } catch (IOException ex) {
                    throw new Failed(ex);
                }
                double cost = 0;
                for (Map.Entry<String, Double> v : values.entrySet()) {
                    cost += costs.getOrDefault(v.getKey(), 0.0) * v.getValue();
                }
                e = new Evaluation(path.size() + 1, values, cost, s[0], s[0] - cost, s[1], (System.nanoTime() - start) / 1e9);
                seen.put(values, e);
                path.add(e);
            }
            return -e.objective();
        });
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] start = new double[n];
        double[] sigma = new double[n];
        Arrays.fill(hi, 1);
        Arrays.fill(start, 0.5);
        Arrays.fill(sigma, 0.3);
        int population = 4 + (int) Math.floor(3 * Math.log(n));
        CMAESOptimizer cma = new CMAESOptimizer(10_000, -Double.MAX_VALUE, true, 0, 0, new MersenneTwister(seed), false, null);
        try {
            cma.optimize(new MaxEval(50 * budget), f, GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lo, hi),
                    new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
        } catch (BudgetSpent | TooManyEvaluationsException e) {
            // the budget is the stopping rule
        } catch (Failed e) {
            throw (IOException) e.getCause();
        }
        Evaluation best = path.stream().max(Comparator.comparingDouble(Evaluation::objective)).orElseThrow();
        return new Outcome(path, best, pareto(path), ImagingSystem.IDEAL);
    }

    /** Settings not dominated on (lower cost, higher CIDEr-D), by cost. */
    static List<Evaluation> pareto(List<Evaluation> path) {
        List<Evaluation> sorted = new ArrayList<>(path);
        sorted.sort(Comparator.comparingDouble(Evaluation::cost).thenComparing(Comparator.comparingDouble(Evaluation::ciderD).reversed()));
        List<Evaluation> front = new ArrayList<>();
        double bestCider = Double.NEGATIVE_INFINITY;
        for (Evaluation e : sorted) {
            if (e.ciderD() > bestCider) {
                front.add(e);
                bestCider = e.ciderD();
            }
        }
        return front;
    }

    /**
     * Runs the search on real photos: every setting is the chain of the fixed knobs plus the searched
     * ones, captioned by {@code evaluator}; results go to {@code outDir} (resumable), then the tables
     * and plots are written.
     */
    public static Outcome run(PhysicalEvaluator evaluator, String fingerprint, List<Bound> bounds, Map<String, Double> fixed,
                              Map<String, Double> costs, int budget, long seed, Path outDir, ProgressListener progress,
                              BooleanSupplier cancelled) throws IOException {
        if (!evaluator.hasReferences()) {
            throw new IllegalArgumentException("optimise maximises CIDEr-D, so it needs reference captions: give --captions");
        }
        Files.createDirectories(outDir);
        Path results = outDir.resolve(SweepService.RESULTS_FILE);
        Map<ImagingSystem, SweepService.Line> earlier = SweepService.readResults(results, fingerprint);
        int photos = evaluator.photos().size();
        long total = (long) budget * photos;
        long[] base = {0};
        Outcome o = search(bounds, costs, budget, seed, values -> {
            Map<String, Double> all = new LinkedHashMap<>(fixed);
            all.putAll(values);
            ImagingSystem sys = ImagingParameters.build(all);
            SweepService.Line line = earlier.get(sys);
            PhysicalEvaluator.Scores s;
            if (line != null) {
                s = line.scores();
            } else {
                String label = SweepService.describe(all, bounds.stream().map(b -> new SweepService.Axis(b.name(), List.of(b.lo()))).toList());
                s = evaluator.evaluate(sys, (done, n, msg) -> progress.progress(base[0] + done, total, label), cancelled);
                SweepService.Line l = new SweepService.Line(fingerprint, all, s);
                SweepService.append(results, l);
                earlier.put(sys, l);
            }
            base[0] += photos;
            progress.progress(base[0], total, "");
            return new double[] {s.ciderD(), s.bleu4()};
        });
        Map<String, Double> bestAll = new LinkedHashMap<>(fixed);
        bestAll.putAll(o.best().values());
        Outcome out = new Outcome(o.path(), o.best(), o.pareto(), ImagingParameters.build(bestAll));
        write(outDir, bounds, fixed, costs, budget, seed, out, photos);
        return out;
    }

    private static void write(Path outDir, List<Bound> bounds, Map<String, Double> fixed, Map<String, Double> costs,
                              int budget, long seed, Outcome o, int photos) throws IOException {
        List<String> header = new ArrayList<>(List.of("step"));
        bounds.forEach(b -> header.add(b.name()));
        header.addAll(List.of("cost", "CIDEr-D", "BLEU-4", "objective", "best objective so far", "on trade-off front", "seconds"));
        double[] bestSoFar = {Double.NEGATIVE_INFINITY};
        new SafeCsvWriter(header).write(outDir.resolve(TABLE_FILE), sink -> {
            for (Evaluation e : o.path()) {
                bestSoFar[0] = Math.max(bestSoFar[0], e.objective());
                List<CsvCell> cells = new ArrayList<>();
                cells.add(CsvCell.integer(e.index()));
                bounds.forEach(b -> cells.add(CsvCell.decimal(e.values().get(b.name()))));
                cells.add(CsvCell.decimal(e.cost(), 4));
                cells.add(CsvCell.decimal(e.ciderD(), 4));
                cells.add(CsvCell.decimal(e.bleu4(), 4));
                cells.add(CsvCell.decimal(e.objective(), 4));
                cells.add(CsvCell.decimal(bestSoFar[0], 4));
                cells.add(CsvCell.text(o.pareto().contains(e) ? "yes" : ""));
                cells.add(CsvCell.decimal(e.seconds(), 1));
                sink.row(cells);
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objective", "CIDEr-D − Σ cost[k]·value[k]");
        json.put("optimiser", "CMA-ES (Apache Commons Math 3.6.1), normalised coordinates, seed " + seed);
        json.put("bounds", bounds);
        json.put("fixed", fixed);
        json.put("cost", costs);
        json.put("budget", budget);
        json.put("photos", photos);
        json.put("best", o.best());
        json.put("bestSystem", o.bestSystem());
        json.put("tradeoff", o.pareto());
        json.put("path", o.path());
        AtomicFiles.writeString(outDir.resolve(JSON_FILE),
                SweepService.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");

        XYChart pathChart = new XYChart(SweepPlots.WIDTH, SweepPlots.HEIGHT);
        pathChart.setTitle("CMA-ES search (" + photos + " photos)");
        pathChart.setXAxisTitle("setting captioned (search order)");
        pathChart.setYAxisTitle("score");
        SweepPlots.style(pathChart);
        List<Double> idx = o.path().stream().map(e -> (double) e.index()).toList();
        SweepPlots.add(pathChart, "CIDEr-D", idx, o.path().stream().map(Evaluation::ciderD).toList(), 0);
        if (!costs.isEmpty()) {
            SweepPlots.add(pathChart, "objective (CIDEr-D − cost)", idx, o.path().stream().map(Evaluation::objective).toList(), 0);
        }
        List<Double> best = new ArrayList<>();
        double b = Double.NEGATIVE_INFINITY;
        for (Evaluation e : o.path()) {
            b = Math.max(b, e.objective());
            best.add(b);
        }
        XYSeries bs = pathChart.addSeries("best objective so far", idx, best);
        bs.setMarker(SeriesMarkers.NONE);
        bs.setLineColor(Color.BLACK);
        SweepPlots.save(pathChart, outDir.resolve(PATH_PLOT));

        Bound xb = costs.isEmpty() ? bounds.get(0) : null;
        XYChart trade = new XYChart(SweepPlots.WIDTH, SweepPlots.HEIGHT);
        trade.setTitle(xb == null ? "Trade-off: CIDEr-D against cost" : "CIDEr-D against " + SweepPlots.label(xb.name()));
        trade.setXAxisTitle(xb == null ? "cost (" + describeCost(costs) + ")" : SweepPlots.label(xb.name()));
        trade.setYAxisTitle("CIDEr-D");
        SweepPlots.style(trade);
        List<Double> xs = o.path().stream().map(e -> xb == null ? e.cost() : e.values().get(xb.name())).toList();
        XYSeries all = trade.addSeries("settings searched", xs, o.path().stream().map(Evaluation::ciderD).toList());
        all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        all.setMarker(SeriesMarkers.CIRCLE);
        if (xb == null) {
            XYSeries front = trade.addSeries("trade-off front", o.pareto().stream().map(Evaluation::cost).toList(),
                    o.pareto().stream().map(Evaluation::ciderD).toList());
            front.setMarker(SeriesMarkers.DIAMOND);
        }
        XYSeries opt = trade.addSeries("optimum", List.of(xb == null ? o.best().cost() : o.best().values().get(xb.name())),
                List.of(o.best().ciderD()));
        opt.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        opt.setMarker(SeriesMarkers.DIAMOND);
        opt.setMarkerColor(Color.RED);
        SweepPlots.save(trade, outDir.resolve(TRADEOFF_PLOT));
    }

    /** "0.0001 per noise.photons". */
    public static String describeCost(Map<String, Double> costs) {
        if (costs.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        costs.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s per %s", SweepService.number(v), k)));
        return String.join(" + ", parts);
    }
}
