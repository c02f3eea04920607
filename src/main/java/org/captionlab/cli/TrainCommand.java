package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.captionlab.model.CellType;
import org.captionlab.service.Settings;
import org.captionlab.service.TrainingService;
import org.captionlab.train.EpochStats;
import org.captionlab.train.Trainer;
import org.captionlab.train.TrainingConfig;
import org.captionlab.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code captionlab train}: trains a caption decoder on a dataset and writes a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a caption decoder and write a model bundle.",
            "Teacher forcing, Adam, gradient clipping, full or truncated BPTT, early stopping on validation",
            "CIDEr-D. Features are cached, so a second run encodes nothing. Ctrl-C stops after the current",
            "batch; --resume continues from the last finished epoch."})
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--train-split", paramLabel = "LIST", description = "Training split: a list file (one image name a line) or, for Karpathy files, a split name (train, train+restval).")
    String trainSplit;

    @Option(names = "--val-split", paramLabel = "LIST", required = true, description = "Validation split (list file or Karpathy split name, e.g. val).")
    String valSplit;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Model folder to write, e.g. models/mine.")
    Path out;

    @Option(names = "--encoder", defaultValue = "mobilenet-v2", description = "Encoder: mobilenet-v2 or vgg16 (default ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--encoder-weights", paramLabel = "PATH", description = "Encoder weights file (default: resolved as for caption).")
    Path encoderWeights;

    @Option(names = "--cell", defaultValue = "rnn", description = "Recurrent cell: rnn or lstm (default ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", defaultValue = "512", description = "Hidden size (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embedding", defaultValue = "256", description = "Word embedding size (default ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--epochs", defaultValue = "12", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Captions per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-decay", defaultValue = "0.85", description = "Learning rate of epoch e = lr · decay^(e-1) (default ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--dropout", defaultValue = "0.5", description = "Dropout on the recurrent output (default ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--clip", defaultValue = "5.0", description = "Gradient L2-norm clipping threshold, 0 = off (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--tbptt", defaultValue = "0", description = "Truncated BPTT chunk length in steps, 0 = full BPTT (default ${DEFAULT-VALUE}).")
    int tbptt;

    @Option(names = "--l2", defaultValue = "0", description = "Weight decay (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-count", defaultValue = "5", description = "Words seen fewer times become <unk> (default ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-length", defaultValue = "20", description = "Training captions are cut to this many words (default ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--patience", defaultValue = "3", description = "Early stopping patience in epochs, 0 = off (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--val-images", defaultValue = "0", description = "Validate on at most this many images, 0 = all (default ${DEFAULT-VALUE}).")
    int valImages;

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingConfig config = new TrainingConfig(CellType.parse(cell), embedding, hidden, dropout, epochs, batch, lr,
                lrDecay, clip, tbptt, l2, seed, minCount, maxLength, patience, valImages);
        // originalArgs() holds the whole command line, the sub-command name included.
        String commandLine = "captionlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        TrainingService.Request request = new TrainingService.Request(data.spec(trainSplit), data.spec(valSplit), encoder,
                encoderWeights, config, out, resume, commandLine);
        Trainer.Outcome outcome;
        try (Interruption interruption = new Interruption("train")) {
            outcome = TrainingService.run(Settings.fromEnvironment(), request, new TrainingService.Listener() {
                @Override
                public ProgressListener features(String split) {
                    return new ConsoleProgress(err, "features (" + split + ")", "images");
                }

                @Override
                public void problems(String split, List<String> problems) {
                    for (String p : problems.subList(0, Math.min(10, problems.size()))) {
                        err.println("captionlab train: " + split + ": " + p);
                    }
                    if (problems.size() > 10) {
                        err.println("captionlab train: " + split + ": ... and " + (problems.size() - 10) + " more (see the log)");
                    }
                    err.flush();
                }

                private ConsoleProgress batches;

                @Override
                public void started(int firstEpoch, int totalEpochs, int batchesPerEpoch, int vocabularySize) {
                    stdout.printf("training %s: epochs %d..%d, %d batches per epoch, vocabulary %,d words%n",
                            config.cell().id(), firstEpoch, totalEpochs, batchesPerEpoch, vocabularySize);
                    stdout.println(org.captionlab.train.TrainingLog.HEADER);
                    stdout.flush();
                }

                @Override
                public void batch(int epoch, int b, int total, double loss) {
                    if (b == 1) {
                        batches = new ConsoleProgress(err, "epoch " + epoch, "batches");
                    }
                    batches.progress(b, total, String.format("loss %.3f", loss));
                }

                @Override
                public void epoch(EpochStats s, boolean best) {
                    stdout.printf(java.util.Locale.ROOT, "%d,%.4f,%.4f,%.3f,%.4f,%.4f,%.3f,%.3f,%.4f,%.0f%s%n",
                            s.epoch(), s.trainLoss(), s.valLoss(), s.valPerplexity(), s.valBleu4(), s.valCiderD(),
                            s.gradNormMean(), s.gradNormMax(), s.spectralRadius(), s.seconds(), best ? "  (best, saved)" : "");
                    stdout.flush();
                }
            }, interruption::requested);
        }
        if (outcome.best() == null) {
            err.println("captionlab train: no epoch finished; nothing saved");
            return CaptionLabCommand.FATAL;
        }
        stdout.printf("best epoch %d: val BLEU-4 %.4f, CIDEr-D %.4f; model in %s; %.0f s%s%n", outcome.bestEpoch(),
                outcome.best().valBleu4(), outcome.best().valCiderD(), outcome.bundle(), outcome.seconds(),
                outcome.cancelled() ? " (cancelled: --resume continues)" : outcome.stoppedEarly() ? " (stopped early)" : "");
        stdout.flush();
        return CaptionLabCommand.OK;
    }
}
