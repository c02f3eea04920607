package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.captionlab.model.CellType;
import org.captionlab.service.Settings;
import org.captionlab.service.TrainingService;
import org.captionlab.model.EpochStats;
import org.captionlab.train.Trainer;
import org.captionlab.model.TrainingConfig;
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

    /** The options' defaults: the configuration the shipped model was trained with, defined once. */
    private static final TrainingConfig DEFAULTS = TrainingConfig.defaults();

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

    @Option(names = "--cell", description = "Recurrent cell: rnn or lstm (default ${DEFAULT-VALUE}).")
    String cell = DEFAULTS.cell().id();

    @Option(names = "--hidden", description = "Hidden size (default ${DEFAULT-VALUE}).")
    int hidden = DEFAULTS.hiddenSize();

    @Option(names = "--embedding", description = "Word embedding size (default ${DEFAULT-VALUE}).")
    int embedding = DEFAULTS.embeddingSize();

    @Option(names = "--epochs", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--batch", description = "Captions per batch (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--lr-decay", description = "Learning rate of epoch e = lr · decay^(e-1) (default ${DEFAULT-VALUE}).")
    double lrDecay = DEFAULTS.lrDecay();

    @Option(names = "--dropout", description = "Dropout on the recurrent output (default ${DEFAULT-VALUE}).")
    double dropout = DEFAULTS.dropout();

    @Option(names = "--clip", description = "Gradient L2-norm clipping threshold, 0 = off (default ${DEFAULT-VALUE}).")
    double clip = DEFAULTS.clip();

    @Option(names = "--tbptt", description = "Truncated BPTT chunk length in steps, 0 = full BPTT (default ${DEFAULT-VALUE}).")
    int tbptt = DEFAULTS.tbptt();

    @Option(names = "--l2", description = "Weight decay (default ${DEFAULT-VALUE}).")
    double l2 = DEFAULTS.l2();

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--min-count", description = "Words seen fewer times become <unk> (default ${DEFAULT-VALUE}).")
    int minCount = DEFAULTS.minWordCount();

    @Option(names = "--max-length", description = "Training captions are cut to this many words (default ${DEFAULT-VALUE}).")
    int maxLength = DEFAULTS.maxCaptionLength();

    @Option(names = "--patience", description = "Early stopping patience in epochs, 0 = off (default ${DEFAULT-VALUE}).")
    int patience = DEFAULTS.patience();

    @Option(names = "--val-images", description = "Validate on at most this many images, 0 = all (default ${DEFAULT-VALUE}).")
    int valImages = DEFAULTS.validationImages();

    @Option(names = "--normalize-features", description = "Standardise each feature dimension with the training images' mean and std (stored in the bundle, applied when captioning).")
    boolean normalizeFeatures = DEFAULTS.normalizeFeatures();

    @Option(names = "--mirror", description = "Also encode every training photo mirrored left-right (cached as its own entry); each epoch feeds one of the two per caption, a seeded draw. Validation and captioning use the photos as they are.")
    boolean mirror = DEFAULTS.mirror();

    @Option(names = "--scst", description = "Self-critical fine-tuning of the bundle in --from instead of training anew (reward: CIDEr-D; defaults --lr 2e-4, --epochs 10, --patience 2, --batch 16 images).")
    boolean scst;

    @Option(names = "--from", paramLabel = "DIR", description = "With --scst: the model to fine-tune, e.g. models/default.")
    Path from;

    @Option(names = "--samples", description = "With --scst: captions sampled per image (default ${DEFAULT-VALUE}).")
    int samples = org.captionlab.train.ScstConfig.defaults().samples();

    @Option(names = "--baseline", description = "With --scst: reward baseline, mean-of-others or greedy (default ${DEFAULT-VALUE}).")
    String baseline = "mean-of-others";

    @Option(names = "--positive-only", description = "With --scst: fit only samples better than the baseline (an ablation; by default every sample counts, worse ones are discouraged).")
    boolean positiveOnly;

    @Option(names = "--ce-weight", paramLabel = "λ", description = "With --scst: weight of one reference caption per image trained by cross-entropy in the same step (mixed objective; 0 = pure self-critical; default ${DEFAULT-VALUE}).")
    double ceWeight = org.captionlab.train.ScstConfig.defaults().ceWeight();

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Option(names = "--force", description = "Overwrite a model folder --out that already holds files (without it, train refuses).")
    boolean force;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainCommand.class);

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (mirror && (scst || from != null)) {
            // Self-critical fine-tuning samples from the plain photos' features only; say so rather than ignore it.
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mirror is an option of cross-entropy training, not of --scst / --from");
        }
        TrainOutput.checkOut(spec.commandLine(), out, resume, force);
        if (scst || from != null) {
            return ScstTraining.run(this, spec, err, stdout);
        }
        TrainingConfig config = new TrainingConfig(CellType.parse(cell), embedding, hidden, dropout, epochs, batch, lr,
                lrDecay, clip, tbptt, l2, seed, minCount, maxLength, patience, valImages, normalizeFeatures, mirror);
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
                private int lastEpoch;
                private int epochsDone;
                private double secondsSoFar;

                @Override
                public void started(int firstEpoch, int totalEpochs, int batchesPerEpoch, int vocabularySize) {
                    stdout.printf("training %s: epochs %d..%d, %d batches per epoch, vocabulary %,d words%n",
                            config.cell().id(), firstEpoch, totalEpochs, batchesPerEpoch, vocabularySize);
                    lastEpoch = totalEpochs;
                    LOG.info("epoch log: {}", TrainingService.LOG_HEADER);
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
                    // A line for people; the CSV row (as in training-log.csv) goes to the log file.
                    LOG.info("epoch log: {}", TrainingService.logRow(s));
                    epochsDone++;
                    secondsSoFar += s.seconds();
                    stdout.println(TrainOutput.epochLine(s, lastEpoch, best,
                            TrainOutput.secondsLeft(secondsSoFar, epochsDone, lastEpoch - s.epoch())));
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
