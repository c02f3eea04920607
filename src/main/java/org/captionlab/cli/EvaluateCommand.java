package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.MentionF1;
import org.captionlab.eval.Metric;
import org.captionlab.model.Manifest;
import org.captionlab.export.CocoResultsWriter;
import org.captionlab.export.EvaluationReportWriter;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.DatasetSpec;
import org.captionlab.service.EvaluationService;
import org.captionlab.service.Settings;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code captionlab evaluate}: scores a model on a dataset, or scores captions made elsewhere
 * (COCO results JSON) against references (COCO annotations JSON).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model, or score captions made elsewhere.",
            "BLEU-1..4, ROUGE-L and CIDEr-D as pycocoevalcap defines them. To score other captions:",
            "evaluate --predictions preds.json --references refs.json --out report.json"})
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class ModelMode {
        @Option(names = "--model", paramLabel = "DIR", description = "Model bundle folder (default models/default); repeat it to evaluate an ensemble.")
        List<Path> model;

        @Option(names = "--images", paramLabel = "DIR", description = "Folder of the images.")
        Path images;

        @Option(names = "--captions", paramLabel = "FILE", required = true, description = "Reference captions (any supported format).")
        Path captions;

        @Option(names = "--dataset", paramLabel = "FORMAT", description = "Annotation format (default: detected).")
        String format;

        @Option(names = "--split", paramLabel = "LIST", description = "Split list file, or Karpathy split name.")
        String split;
    }

    static final class PredictionMode {
        @Option(names = "--predictions", paramLabel = "FILE", required = true, description = "Predictions in COCO results format [{\"image_id\": .., \"caption\": ..}].")
        Path predictions;

        @Option(names = "--references", paramLabel = "FILE", required = true, description = "References in COCO annotations format.")
        Path references;
    }

    static final class Mode {
        @ArgGroup(exclusive = false, heading = "Evaluate a model:%n")
        ModelMode model;

        @ArgGroup(exclusive = false, heading = "Score predictions made elsewhere:%n")
        PredictionMode predictions;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--encoder-weights", paramLabel = "PATH", description = "Encoder weights file.")
    Path encoderWeights;

    @Mixin
    DecodingOptions decoding;

    @Mixin
    GuideOptions guideOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "Report JSON to write (per-image scores, worst first). "
            + "Without it the metrics table is printed only.")
    Path out;

    @Option(names = "--record", paramLabel = "RUN", description = "Record the corpus metrics in the model's manifest under this run name (e.g. dev-beam3).")
    String record;

    @Option(names = "--set-default-decoding", description = "With --record: make these decoding options the model's defaults.")
    boolean setDefaultDecoding;

    @Option(names = "--predictions-out", paramLabel = "FILE", description = "Also write the model's captions in COCO results format.")
    Path predictionsOut;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (mode.predictions != null) {
            EvaluationService.PredictionScores scores = EvaluationService.scorePredictions(mode.predictions.predictions,
                    mode.predictions.references);
            EvaluationResult result = scores.result();
            String name = String.valueOf(mode.predictions.predictions.getFileName());
            MentionF1.Scores mentions = scores.mentions();
            if (out != null) {
                EvaluationReportWriter.write(out, name, result, mentions);
            }
            print(stdout, name, result);
            print(stdout, mentions);
            return CaptionLabCommand.OK;
        }
        ModelMode m = mode.model;
        Settings settings = Settings.fromEnvironment();
        List<Path> modelDirs = m.model != null && !m.model.isEmpty() ? m.model : List.of(settings.defaultModel());
        Path modelDir = modelDirs.get(0);
        if (modelDirs.size() > 1 && record != null) {
            err.println("captionlab evaluate: --record writes one model's manifest; an ensemble of " + modelDirs.size()
                    + " models has none");
            return CaptionLabCommand.USAGE;
        }
        try (Interruption interruption = new Interruption("evaluate");
             CaptioningService service = CaptioningService.open(settings, modelDirs, encoderWeights,
                new ConsoleProgress(err, "downloading encoder weights", "bytes"), false)) {
            DecodeOptions options = decoding.resolve(service.defaultOptions());
            Manifest.Guide guide = guideOptions.resolve(service, spec.commandLine());
            EvaluationService.Run run = EvaluationService.evaluateModel(settings, service,
                    new DatasetSpec(m.format, m.images, m.captions, m.split), options, guide,
                    new ConsoleProgress(err, "features", "images"), new ConsoleProgress(err, "captioning", "images"),
                    interruption::requested);
            for (String p : run.problems()) {
                err.println("captionlab evaluate: " + p);
            }
            if (out != null) {
                EvaluationReportWriter.write(out, run.model(), run.result(), run.mentions());
            }
            if (predictionsOut != null) {
                CocoResultsWriter.write(predictionsOut, run.predictions());
            }
            if (record != null) {
                EvaluationService.recordInManifest(modelDir, record, run, setDefaultDecoding);
                if (setDefaultDecoding && guide != null) {
                    service.recordAddedWords();
                }
                stdout.println("recorded as '" + record + "' in " + modelDir.resolve("manifest.json")
                        + (setDefaultDecoding ? " (and set as the default decoding)" : ""));
            }
            stdout.println("decoding: " + describe(options));
            stdout.println("guidance: " + (guide == null ? "off" : String.format(java.util.Locale.ROOT,
                    "labels, threshold %.2f, up to %d constraint(s); %d of %d images guided", guide.threshold(),
                    guide.maxConstraints(), run.guidedImages(), run.result().perImage().size())));
            print(stdout, run.model(), run.result());
            print(stdout, run.mentions());
            return run.problems().isEmpty() ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
        }
    }

    static String describe(DecodeOptions o) {
        return switch (o.strategy()) {
            case GREEDY -> "greedy, max length " + o.maxLength();
            case BEAM -> "beam " + o.beamWidth() + ", length alpha " + o.lengthAlpha() + ", block repeat " + o.blockRepeatNgram()
                    + ", max length " + o.maxLength();
            case SAMPLE -> "sampling, temperature " + o.temperature() + ", seed " + o.seed();
        };
    }

    private static void print(PrintWriter out, MentionF1.Scores mentions) {
        out.printf(java.util.Locale.ROOT, "  object mention F1 (image positive when >= %d references mention the class):%n",
                MentionF1.MIN_REFERENCES);
        out.printf(java.util.Locale.ROOT, "    %-11s %9s %9s %4s %9s %7s %6s%n", "class", "positives", "predicted", "TP",
                "precision", "recall", "F1");
        for (MentionF1.ClassScore c : mentions.classes()) {
            out.printf(java.util.Locale.ROOT, "    %-11s %9d %9d %4d %9.3f %7.3f %6.3f%s%n", c.name(), c.positives(),
                    c.predicted(), c.truePositives(), c.precision(), c.recall(), c.f1(), c.visible() ? " *" : "");
        }
        out.printf(java.util.Locale.ROOT, "    mean F1 %.4f; over the classes labels can see (*) %.4f%n", mentions.mean(),
                mentions.meanVisible());
        out.flush();
    }

    private static void print(PrintWriter out, String model, EvaluationResult result) {
        out.printf("%s on %d images:%n", model, result.perImage().size());
        for (Metric metric : Metric.values()) {
            out.printf(java.util.Locale.ROOT, "  %-8s %.4f%n", metric.label(), result.corpus(metric));
        }
        out.flush();
    }
}
