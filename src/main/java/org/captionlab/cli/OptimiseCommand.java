package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.OptimiseService;
import org.captionlab.service.PhysicalEvaluator;
import org.captionlab.service.SweepService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code captionlab optimise}: the physical parameters that maximise CIDEr-D under a stated cost (CMA-ES). */
@Command(name = "optimise", aliases = "optimize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the physical parameters that maximise mean CIDEr-D on a reference set, minus a stated cost.",
            "Objective: CIDEr-D − Σ cost·value, searched with CMA-ES (Apache Commons Math) within the given ranges.",
            "Writes optimise.csv (the path of the search), optimise.json (optimum, path, trade-off front),",
            "optimise-path.png and optimise-tradeoff.png; results.jsonl resumes an interrupted run.",
            "Example: optimise --vary blur=0:8 --vary noise.photons=10:1000 --cost noise.photons=0.0001 --budget 20",
            "         --images DIR --captions captions.txt --split LIST --out opt"})
final class OptimiseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vary", paramLabel = "NAME=LOW:HIGH", required = true,
            description = "A parameter to optimise and its range (repeatable); :log or :lin picks the search scale (default: log for photon count, gain and resolution).")
    List<String> vary;

    @Option(names = "--cost", paramLabel = "NAME=PER_UNIT",
            description = "Cost per unit of a parameter, in CIDEr-D (repeatable), e.g. noise.photons=0.0001: 1000 photons per pixel cost 0.1 CIDEr-D.")
    List<String> cost = List.of();

    @Option(names = "--budget", paramLabel = "N", defaultValue = "20", description = "Distinct settings to caption (default ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--search-seed", paramLabel = "S", defaultValue = "1", description = "Seed of the CMA-ES sampling (default ${DEFAULT-VALUE}).")
    long searchSeed;

    @Mixin
    PhysicalOptions physical;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Mixin
    ModelOptions model;

    @Mixin
    DecodingOptions decoding;

    @Mixin
    GuideOptions guideOptions;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        PrintWriter err = cl.getErr();
        PrintWriter stdout = cl.getOut();
        List<OptimiseService.Bound> bounds = new ArrayList<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        try {
            for (String v : vary) {
                bounds.add(OptimiseService.parseBound(v));
            }
            for (String c : cost) {
                Map.Entry<String, Double> e = SweepService.parseFixed(c);
                costs.put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (budget < 2 || budget > 10_000) {
            throw new CommandLine.ParameterException(cl, "--budget must be 2..10000, got " + budget);
        }
        if (bounds.stream().map(OptimiseService.Bound::name).distinct().count() != bounds.size()) {
            throw new CommandLine.ParameterException(cl, "--vary names a parameter twice");
        }
        Map<String, Double> fixed = physical.fixedValues(cl);
        for (OptimiseService.Bound b : bounds) {
            if (fixed.containsKey(b.name())) {
                throw new CommandLine.ParameterException(cl, b.name() + " is both optimised (--vary) and fixed (--fix)");
            }
        }
        if (physical.captions == null) {
            throw new CommandLine.ParameterException(cl, "optimise maximises CIDEr-D, so it needs reference captions: give --captions");
        }
        int workers = physical.workerCount(cl);
        List<PhysicalEvaluator.Photo> photos = physical.photos();
        long start = System.nanoTime();
        try (CaptioningService service = model.openService(err)) {
            DecodeOptions options = decoding.resolve(service.defaultOptions());
            Manifest.Guide guide = guideOptions.resolve(service, cl);
            try (PhysicalEvaluator evaluator = PhysicalOptions.open(service, model, photos, options, guide, workers)) {
                for (String p : evaluator.problems()) {
                    err.println("captionlab optimise: " + p);
                }
                String fingerprint = SweepService.fingerprint(service.model().name(), options, guide, evaluator.photos());
                OptimiseService.Outcome o = OptimiseService.run(evaluator, fingerprint, bounds, fixed, costs, budget,
                        searchSeed, out, new ConsoleProgress(err, "optimise", "photos"), () -> Thread.currentThread().isInterrupted());
                double seconds = (System.nanoTime() - start) / 1e9;
                stdout.println("| step | " + String.join(" | ", bounds.stream().map(OptimiseService.Bound::name).toList())
                        + " | cost | CIDEr-D | objective |");
                stdout.println("|---|" + "---|".repeat(bounds.size() + 3));
                for (OptimiseService.Evaluation e : o.path()) {
                    StringBuilder row = new StringBuilder("| " + e.index() + (e == o.best() ? " (best)" : "") + " |");
                    bounds.forEach(b -> row.append(' ').append(SweepService.number(e.values().get(b.name()))).append(" |"));
                    row.append(String.format(Locale.ROOT, " %.4f | %.3f | %.3f |", e.cost(), e.ciderD(), e.objective()));
                    stdout.println(row);
                }
                OptimiseService.Evaluation b = o.best();
                stdout.printf(Locale.ROOT, "optimum: %s → CIDEr-D %.3f, BLEU-4 %.3f, cost %.4f (%s), objective %.3f%n",
                        o.bestSystem().describe(), b.ciderD(), b.bleu4(), b.cost(), OptimiseService.describeCost(costs), b.objective());
                stdout.printf(Locale.ROOT, "%d settings × %d photos in %.0f s with %d workers; wrote %s, %s, %s, %s%n",
                        o.path().size(), evaluator.photos().size(), seconds, workers, out.resolve(OptimiseService.TABLE_FILE),
                        OptimiseService.JSON_FILE, OptimiseService.PATH_PLOT, OptimiseService.TRADEOFF_PLOT);
                return evaluator.problems().isEmpty() ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
            }
        }
    }
}
