package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.captionlab.service.Settings;
import org.captionlab.service.TrainingService;
import org.captionlab.train.ScstConfig;
import org.captionlab.train.SelfCriticalTrainer;
import picocli.CommandLine;

/** {@code train --scst --from DIR}: the self-critical phase, with {@link TrainCommand}'s options. */
final class ScstTraining {

    private ScstTraining() {
    }

    static int run(TrainCommand c, CommandLine.Model.CommandSpec spec, PrintWriter err, PrintWriter stdout)
            throws IOException {
        if (!c.scst || c.from == null) {
            err.println("captionlab train: --scst and --from DIR go together (self-critical fine-tuning of a model)");
            return CaptionLabCommand.USAGE;
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        ScstConfig defaults = ScstConfig.defaults();
        ScstConfig.Baseline baseline;
        switch (c.baseline.toLowerCase(Locale.ROOT)) {
            case "mean-of-others" -> baseline = ScstConfig.Baseline.MEAN_OF_OTHERS;
            case "greedy" -> baseline = ScstConfig.Baseline.GREEDY;
            default -> {
                err.println("captionlab train: --baseline must be mean-of-others or greedy, was '" + c.baseline + "'");
                return CaptionLabCommand.USAGE;
            }
        }
        ScstConfig config;
        try {
            // The CE defaults of --lr, --epochs and --patience do not suit fine-tuning: unless given, SCST's own apply.
            config = new ScstConfig(parsed.hasMatchedOption("--epochs") ? c.epochs : defaults.epochs(),
                    parsed.hasMatchedOption("--lr") ? c.lr : defaults.learningRate(), c.samples,
                    parsed.hasMatchedOption("--batch") ? c.batch : defaults.imagesPerBatch(), parsed.hasMatchedOption("--max-length") ? c.maxLength : defaults.maxLength(),
                    baseline, true, parsed.hasMatchedOption("--patience") ? c.patience : defaults.patience(),
                    c.valImages, c.seed, c.positiveOnly, c.ceWeight);
        } catch (IllegalArgumentException e) {
            err.println("captionlab train: " + e.getMessage());
            return CaptionLabCommand.USAGE;
        }
        String commandLine = "captionlab " + String.join(" ", parsed.originalArgs());
        TrainingService.ScstRequest request = new TrainingService.ScstRequest(c.from, c.data.spec(c.trainSplit),
                c.data.spec(c.valSplit), c.encoderWeights, config, c.out, c.resume, commandLine);
        SelfCriticalTrainer.Outcome outcome;
        try (Interruption interruption = new Interruption("train")) {
            outcome = TrainingService.runScst(Settings.fromEnvironment(), request, new TrainingService.Listener() {
                @Override
                public org.captionlab.util.ProgressListener features(String split) {
                    return new ConsoleProgress(err, "features (" + split + ")", "images");
                }
            }, new SelfCriticalTrainer.Listener() {
                private ConsoleProgress batches;

                @Override
                public void batch(int epoch, int b, int total, double meanReward) {
                    if (b == 1) {
                        batches = new ConsoleProgress(err, "scst epoch " + epoch, "batches");
                    }
                    batches.progress(b, total, String.format(Locale.ROOT, "reward %.3f", meanReward));
                }

                @Override
                public void epoch(SelfCriticalTrainer.EpochResult r, boolean best) {
                    stdout.printf(Locale.ROOT, "scst epoch %d: mean reward %.4f, degenerate samples %.3f, val BLEU-4 %.4f,"
                                    + " CIDEr-D %.4f, distinct captions %.3f, words %d, %.0f s%s%n", r.epoch(),
                            r.meanReward(), r.degenerateSamples(), r.valBleu4(), r.valCiderD(), r.distinctCaptions(),
                            r.distinctWords(), r.seconds(), best ? "  (best, saved)" : "");
                    stdout.flush();
                }
            }, interruption::requested);
        }
        if (outcome.best() == null) {
            err.println("captionlab train: no self-critical epoch finished; nothing saved");
            return CaptionLabCommand.FATAL;
        }
        stdout.printf(Locale.ROOT, "best epoch %d: val BLEU-4 %.4f, CIDEr-D %.4f; model in %s; %.0f s%s%n",
                outcome.bestEpoch(), outcome.best().valBleu4(), outcome.best().valCiderD(), outcome.bundle(),
                outcome.seconds(), outcome.cancelled() ? " (cancelled: --resume continues)"
                        : outcome.stoppedEarly() ? " (stopped early)" : "");
        stdout.flush();
        return CaptionLabCommand.OK;
    }
}
