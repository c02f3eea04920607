package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.PhysicalEvaluator;
import org.captionlab.service.SweepService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code captionlab sweep}: captions every photo at every setting of one or two physical parameters and
 * writes the table, the per-photo captions and a plot.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Caption photos through a simulated camera at every setting of one or two physical parameters.",
            "Writes sweep.csv/.json/.md (setting → BLEU-4, CIDEr-D, mention F1 with references; top-1 label probability",
            "and caption log-prob always), captions.csv (per photo) and sweep.png (plot, or heat map for two parameters).",
            "Finished settings are kept in results.jsonl: rerun the same command to resume.",
            "Example: sweep --vary blur=0:8:9 --fix noise.photons=200 --images DIR --captions captions.txt --out sweep-blur",
            "--vary and --fix take NAME=FROM:TO:COUNT[:log] or NAME=V1,V2,… with NAME one of",
            "vignetting.angle, defocus.radius (blur), defocus.gaussian, motion.length (motion), motion.angle,",
            "exposure.gain (exposure), noise.photons (photons), noise.read, noise.seed, bayer, resolution.factor",
            "(resolution), grayscale.amount (grayscale), jpeg.quality (jpeg)."})
final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vary", paramLabel = "NAME=RANGE", required = true,
            description = "A parameter to sweep (once, or twice for a heat map): NAME=FROM:TO:COUNT, NAME=FROM:TO:COUNT:log or NAME=V1,V2,…")
    List<String> vary;

    @Mixin
    PhysicalOptions physical;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created; results.jsonl there resumes a run).")
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
        if (vary.size() > 2) {
            throw new CommandLine.ParameterException(cl, "--vary is given " + vary.size() + " times; a sweep varies one or two parameters");
        }
        List<SweepService.Axis> axes = new ArrayList<>();
        for (String v : vary) {
            try {
                axes.add(SweepService.parseAxis(v));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--vary " + e.getMessage());
            }
        }
        if (axes.size() == 2 && axes.get(0).name().equals(axes.get(1).name())) {
            throw new CommandLine.ParameterException(cl, "--vary names " + axes.get(0).name() + " twice");
        }
        Map<String, Double> fixed = physical.fixedValues(cl);
        for (SweepService.Axis a : axes) {
            if (fixed.containsKey(a.name())) {
                throw new CommandLine.ParameterException(cl, a.name() + " is both varied (--vary) and fixed (--fix)");
            }
        }
        int workers = physical.workerCount(cl);
        List<PhysicalEvaluator.Photo> photos = physical.photos();
        long start = System.nanoTime();
        try (CaptioningService service = model.openService(err)) {
            DecodeOptions options = decoding.resolve(service.defaultOptions());
            Manifest.Guide guide = guideOptions.resolve(service, cl);
            try (PhysicalEvaluator evaluator = PhysicalOptions.open(service, model, photos, options, guide, workers)) {
                for (String p : evaluator.problems()) {
                    err.println("captionlab sweep: " + p);
                }
                String fingerprint = SweepService.fingerprint(service.model().name(), options, guide, evaluator.photos());
                SweepService.Outcome outcome = SweepService.run(evaluator, fingerprint, axes, fixed, out,
                        new ConsoleProgress(err, "sweep", "photos"), () -> Thread.currentThread().isInterrupted());
                double seconds = (System.nanoTime() - start) / 1e9;
                stdout.print(SweepService.markdown(axes, outcome.rows(), evaluator.hasReferences()));
                stdout.printf(Locale.ROOT, "%d settings × %d photos (%d settings from an earlier run) in %.0f s with %d workers%n",
                        outcome.rows().size(), evaluator.photos().size(), outcome.resumed(), seconds, workers);
                stdout.println("wrote " + out.resolve(SweepService.TABLE_FILE) + ", " + SweepService.JSON_FILE + ", "
                        + SweepService.MARKDOWN_FILE + ", " + SweepService.CAPTIONS_FILE + " and " + outcome.plot().getFileName());
                return evaluator.problems().isEmpty() ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
            }
        }
    }
}
