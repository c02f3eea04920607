package org.captionlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Evaluator;
import org.captionlab.eval.Metric;
import org.captionlab.model.CaptionModel;
import org.captionlab.model.CaptionNetwork;
import org.captionlab.model.DecoderConfig;
import org.captionlab.model.ModelBundle;
import org.captionlab.model.TrainingConfig;
import org.captionlab.model.TrainingHyperparameters;
import org.captionlab.model.TrainingLog;
import org.captionlab.model.EpochStats;
import org.captionlab.model.FeatureNormalization;
import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.text.Vocabulary;
import org.captionlab.util.AtomicFiles;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a caption decoder with teacher forcing on cached image features.
 *
 * <p>Each epoch: the (image, caption) pairs are shuffled with a seeded generator, grouped into
 * mini-batches of similar length (less padding), and fitted with Adam, gradient clipping and full or
 * truncated BPTT (see {@link CaptionNetwork}). After each epoch the validation images are captioned
 * greedily and scored; the model with the best validation CIDEr-D is saved as the bundle in the output
 * folder ("best"), the latest state as {@code checkpoint/} ("last", with the optimiser state, for
 * {@code --resume}), and training stops early after {@code patience} epochs without improvement.
 *
 * <p>Determinism: with the same data, config and seed, the same model comes out — also across a
 * resume, because epoch {@code e}'s shuffle depends only on the seed and {@code e}.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final String CHECKPOINT_DIR = "checkpoint";
    private static final String STATE_FILE = Checkpoint.STATE_FILE;
    private static final String LOG_FILE = TrainingLog.FILE_NAME;
    /** Batches are formed from windows of this many batches' worth of pairs sorted by length. */
    private static final int BUCKET_BATCHES = 50;
    private static final int VALIDATION_CHUNK = 256;

    /** Receives progress; all methods are optional. */
    public interface Listener {
        default void started(int firstEpoch, int epochs, int batchesPerEpoch, int vocabularySize) {
        }

        default void batch(int epoch, int batch, int batches, double loss) {
        }

        default void epoch(EpochStats stats, boolean best) {
        }
    }

    /**
     * Result of a run.
     *
     * @param epochs      statistics of every epoch, resumed ones included
     * @param bestEpoch   epoch of the saved best model
     * @param best        its statistics
     * @param bundle      the model folder
     * @param seconds     training wall time of this run
     * @param stoppedEarly true if early stopping ended the run
     * @param cancelled   true if the run was cancelled (the checkpoint allows resuming)
     */
    public record Outcome(List<EpochStats> epochs, int bestEpoch, EpochStats best, Path bundle, double seconds,
                          boolean stoppedEarly, boolean cancelled) {
    }

    /** Saved between epochs for {@code --resume}. */
    record State(int epoch, int bestEpoch, double bestCider, int epochsWithoutImprovement, double secondsSoFar) {
    }

    private final TrainingConfig config;
    private final Provenance provenance;
    private final Listener listener;
    private int trainImages;
    private int trainCaptions;
    /** The run's feature standardisation, or null for raw features. */
    private FeatureNormalization featureStats;

    public Trainer(TrainingConfig config, Provenance provenance, Listener listener) {
        this.config = config;
        this.provenance = provenance;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /**
     * Trains on {@code train}, validating on {@code validation}, writing the model to {@code outDir}.
     *
     * @param resume    continue from {@code outDir/checkpoint} (same config expected)
     * @param cancelled polled between batches; training stops, keeping the last epoch's checkpoint
     */
    public Outcome train(List<CaptionedFeature> train, List<CaptionedFeature> validation, Path outDir, boolean resume,
                         BooleanSupplier cancelled) throws IOException {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training images");
        }
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation images");
        }
        long startNanos = System.nanoTime();
        Files.createDirectories(outDir);
        // Validation scores the photos as inference sees them: never a mirrored feature.
        List<CaptionedFeature> val = withoutMirrored(validationSubset(validation));
        if (!config.mirror()) {
            train = withoutMirrored(train);
        } else {
            long missing = train.stream().filter(e -> e.mirrored() == null).count();
            if (missing > 0) {
                LOG.warn("--mirror: {} of {} training images have no mirrored feature; they are always fed plain",
                        missing, train.size());
            }
        }
        Start start = resume ? resumeFrom(outDir) : fresh(train);
        featureStats = start.featureStats();
        if (featureStats != null) {
            // The network sees standardised features everywhere in training; the bundle's inference model takes raw
            // ones and applies the same statistics.
            train = normalized(train, featureStats);
            val = normalized(val, featureStats);
        }
        // A fresh log; on resume it is rewritten with the checkpoint's epochs only (later ones were not saved).
        TrainingLog log = new TrainingLog(outDir.resolve(LOG_FILE), false);
        for (EpochStats s : start.history()) {
            log.append(s);
        }
        try (CaptionNetwork net = start.network()) {
            Vocabulary vocabulary = start.vocabulary();
            List<Pair> pairs = pairs(train, vocabulary);
            trainImages = train.size();
            trainCaptions = pairs.size();
            List<Pair> valPairs = pairs(val, vocabulary);
            Progress progress = new Progress(start);
            listener.started(start.state().epoch() + 1, config.epochs(), (pairs.size() + config.batchSize() - 1) / config.batchSize(),
                    vocabulary.size());
            LOG.info("training {} on {} images / {} captions, validating on {} images; vocabulary {} words; {} parameters",
                    config.cell().id(), train.size(), pairs.size(), val.size(), vocabulary.size(), net.numParams());
            for (int epoch = start.state().epoch() + 1; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                Fit fit = fitEpoch(net, train, pairs, epoch, cancelled);
                if (fit == null) {
                    LOG.info("training cancelled during epoch {}; the checkpoint of epoch {} is kept", epoch, epoch - 1);
                    progress.cancelled = true;
                    break;
                }
                double valLoss = validationLoss(net, val, valPairs);
                EvaluationResult eval = validate(net.toCaptionModel(vocabulary), val);
                EpochStats stats = new EpochStats(epoch, fit.loss(), valLoss, Math.exp(valLoss), eval.corpus(Metric.BLEU_4),
                        eval.corpus(Metric.CIDER_D), fit.gradMean(), fit.gradMax(), SpectralRadius.of(net.recurrentWeights(), 10),
                        (System.nanoTime() - epochStart) / 1e9);
                log.append(stats);
                boolean improved = progress.record(stats);
                double elapsed = start.state().secondsSoFar() + (System.nanoTime() - startNanos) / 1e9;
                if (improved) {
                    saveBundle(outDir, vocabulary, net, stats, epoch, elapsed, eval);
                }
                saveCheckpoint(outDir.resolve(CHECKPOINT_DIR), vocabulary, net, progress.state(epoch, elapsed));
                LOG.info("epoch {}: train loss {}, val loss {} (ppl {}), val BLEU-4 {}, CIDEr-D {}, |g| mean {} max {}, ρ(Whh) {}, {} s{}",
                        epoch, f(stats.trainLoss()), f(valLoss), f(stats.valPerplexity()), f(stats.valBleu4()), f(stats.valCiderD()),
                        f(stats.gradNormMean()), f(stats.gradNormMax()), f(stats.spectralRadius()), f(stats.seconds()),
                        improved ? " (best)" : "");
                listener.epoch(stats, improved);
                if (config.patience() > 0 && progress.stale >= config.patience()) {
                    LOG.info("early stopping: no better validation CIDEr-D for {} epochs", progress.stale);
                    progress.stoppedEarly = true;
                    break;
                }
            }
            return progress.outcome(outDir, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** Where a run starts: a new vocabulary and network, or the checkpoint's. */
    private record Start(Vocabulary vocabulary, CaptionNetwork network, State state, List<EpochStats> history,
                         FeatureNormalization featureStats) {
    }

    private Start fresh(List<CaptionedFeature> train) {
        List<String> captions = new ArrayList<>();
        for (CaptionedFeature e : train) {
            captions.addAll(e.captions());
        }
        Vocabulary vocabulary = Vocabulary.fromCaptions(captions, config.minWordCount());
        DecoderConfig decoder = new DecoderConfig(config.cell(), provenance.featureDim(), vocabulary.size(),
                config.embeddingSize(), config.hiddenSize(), config.dropout());
        CaptionNetwork network = CaptionNetwork.create(decoder, new TrainingHyperparameters(config.learningRate(), config.clip(),
                config.tbptt(), config.l2(), config.seed()));
        // Statistics over images, not captions: every image counts once whatever its number of captions. Only the
        // plain features count, with --mirror too: the statistics are applied at inference, which only sees plain
        // photos, and a --mirror model then standardises exactly as the same run without it (the comparison
        // measures the mirroring alone). Little is lost: mirrored photos are photos of the same kind, and on the Flickr8k
        // train split their features' per-dimension means differ from the plain ones by 0.003 on average, against a
        // mean standard deviation of 0.68.
        FeatureNormalization stats = config.normalizeFeatures()
                ? FeatureNormalization.fit(train.stream().map(CaptionedFeature::feature).toList()) : null;
        return new Start(vocabulary, network, new State(0, 0, Double.NEGATIVE_INFINITY, 0, 0), List.of(), stats);
    }

    private Start resumeFrom(Path outDir) throws IOException {
        Path checkpoint = Checkpoint.find(outDir.resolve(CHECKPOINT_DIR))
                .orElseThrow(() -> new IOException("cannot resume: no checkpoint in '" + outDir.resolve(CHECKPOINT_DIR) + "'"));
        Vocabulary vocabulary = Vocabulary.load(checkpoint.resolve("vocab.txt"));
        CaptionNetwork network = CaptionNetwork.load(checkpoint.resolve("decoder.zip"), true);
        State state = new ObjectMapper().readValue(checkpoint.resolve(STATE_FILE).toFile(), State.class);
        List<EpochStats> history = new ArrayList<>(TrainingLog.read(outDir.resolve(LOG_FILE)));
        history.removeIf(s -> s.epoch() > state.epoch());
        LOG.info("resuming after epoch {} (best CIDEr-D {} at epoch {})", state.epoch(), state.bestCider(), state.bestEpoch());
        Path statsFile = checkpoint.resolve(FeatureNormalization.FILE_NAME);
        FeatureNormalization stats = config.normalizeFeatures() ? FeatureNormalization.read(statsFile) : null;
        return new Start(vocabulary, network, state, history, stats);
    }

    /** The best epoch so far, epochs without improvement and how the run ended. */
    private static final class Progress {
        private final List<EpochStats> history;
        private EpochStats best;
        private int bestEpoch;
        private double bestCider;
        private int stale;
        private boolean stoppedEarly;
        private boolean cancelled;

        Progress(Start start) {
            State s = start.state();
            history = new ArrayList<>(start.history());
            best = history.stream().filter(e -> e.epoch() == s.bestEpoch()).findFirst().orElse(null);
            bestEpoch = s.bestEpoch();
            bestCider = s.bestCider();
            stale = s.epochsWithoutImprovement();
        }

        /** Adds an epoch; true when it is the best so far by validation CIDEr-D. */
        boolean record(EpochStats stats) {
            history.add(stats);
            if (stats.valCiderD() > bestCider) {
                bestCider = stats.valCiderD();
                bestEpoch = stats.epoch();
                best = stats;
                stale = 0;
                return true;
            }
            stale++;
            return false;
        }

        State state(int epoch, double elapsedSeconds) {
            return new State(epoch, bestEpoch, bestCider, stale, elapsedSeconds);
        }

        Outcome outcome(Path bundle, double seconds) {
            return new Outcome(List.copyOf(history), bestEpoch, best, bundle, seconds, stoppedEarly, cancelled);
        }
    }

    /** One epoch's fit: mean per-word loss and gradient norms before clipping. */
    private record Fit(double loss, double gradMean, double gradMax) {
    }

    /** Fits one epoch; null when cancelled before it ended. */
    private Fit fitEpoch(CaptionNetwork net, List<CaptionedFeature> train, List<Pair> pairs, int epoch, BooleanSupplier cancelled) {
        // A function of the epoch alone, so a resumed run uses the same schedule.
        net.setLearningRate(config.learningRate() * Math.pow(config.lrDecay(), epoch - 1));
        List<List<Pair>> batches = batches(pairs, epoch);
        boolean[] mirrored = config.mirror() ? mirrorDraws(pairs.size(), epoch) : null;
        double lossSum = 0;
        long words = 0;
        double gradSum = 0;
        double gradMax = 0;
        int b = 0;
        for (List<Pair> batch : batches) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            MultiDataSet mds = toDataSet(net, train, batch, mirrored);
            long n = CaptionNetwork.targetCount(mds);
            double loss = net.fit(mds);
            lossSum += loss * n;
            words += n;
            double g = net.gradientNorm();
            gradSum += g;
            gradMax = Math.max(gradMax, g);
            b++;
            listener.batch(epoch, b, batches.size(), loss);
        }
        return new Fit(lossSum / Math.max(1, words), gradSum / Math.max(1, b), gradMax);
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }

    /** One training pair: its index among the pairs, an example's index and one caption as word ids. */
    private record Pair(int index, int example, int[] words) {
    }

    /**
     * With {@code --mirror}: for each pair (by {@link Pair#index()}), true when epoch {@code epoch} feeds the mirrored
     * photo. A generator of its own, a function of the seed and the epoch alone: the run is deterministic and
     * resumable, and the shuffle and batches stay those of the same run without {@code --mirror}.
     */
    boolean[] mirrorDraws(int pairs, int epoch) {
        Random random = new Random((config.seed() * 1_000_003L + epoch) ^ MIRROR_STREAM);
        boolean[] draws = new boolean[pairs];
        for (int i = 0; i < pairs; i++) {
            draws[i] = random.nextBoolean();
        }
        return draws;
    }

    /** Separates the mirror draws' generator from the shuffle's ("mirror" in ASCII). */
    private static final long MIRROR_STREAM = 0x6D6972726F72L;

    /** The examples without their mirrored features. */
    private static List<CaptionedFeature> withoutMirrored(List<CaptionedFeature> examples) {
        if (examples.stream().allMatch(e -> e.mirrored() == null)) {
            return examples;
        }
        return examples.stream().map(e -> new CaptionedFeature(e.imageId(), e.feature(), e.captions())).toList();
    }

    private List<Pair> pairs(List<CaptionedFeature> examples, Vocabulary vocabulary) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            for (String caption : examples.get(i).captions()) {
                int[] ids = vocabulary.encode(caption);
                if (ids.length == 0) {
                    continue;
                }
                if (ids.length > config.maxCaptionLength()) {
                    ids = java.util.Arrays.copyOf(ids, config.maxCaptionLength());
                }
                out.add(new Pair(out.size(), i, ids));
            }
        }
        return out;
    }

    /** Seeded shuffle, then length-bucketed batches in shuffled order. */
    private List<List<Pair>> batches(List<Pair> pairs, int epoch) {
        Random random = new Random(config.seed() * 1_000_003L + epoch);
        List<Pair> order = new ArrayList<>(pairs);
        Collections.shuffle(order, random);
        int window = BUCKET_BATCHES * config.batchSize();
        List<List<Pair>> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += window) {
            List<Pair> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + window)));
            chunk.sort(Comparator.comparingInt(p -> p.words().length));
            for (int i = 0; i < chunk.size(); i += config.batchSize()) {
                batches.add(chunk.subList(i, Math.min(chunk.size(), i + config.batchSize())));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** A batch; {@code mirrored} (by pair index, or null for none) picks the mirrored feature where there is one. */
    private MultiDataSet toDataSet(CaptionNetwork net, List<CaptionedFeature> examples, List<Pair> batch, boolean[] mirrored) {
        List<float[]> features = new ArrayList<>(batch.size());
        List<int[]> captions = new ArrayList<>(batch.size());
        for (Pair p : batch) {
            CaptionedFeature e = examples.get(p.example());
            boolean flip = mirrored != null && mirrored[p.index()] && e.mirrored() != null;
            features.add(flip ? e.mirrored() : e.feature());
            captions.add(p.words());
        }
        return net.batch(features, captions, config.maxCaptionLength() + 1);
    }

    private double validationLoss(CaptionNetwork net, List<CaptionedFeature> val, List<Pair> valPairs) {
        double sum = 0;
        long words = 0;
        for (int i = 0; i < valPairs.size(); i += VALIDATION_CHUNK) {
            List<Pair> chunk = valPairs.subList(i, Math.min(valPairs.size(), i + VALIDATION_CHUNK));
            MultiDataSet mds = toDataSet(net, val, chunk, null);
            long n = CaptionNetwork.targetCount(mds);
            sum += net.loss(mds) * n;
            words += n;
        }
        return sum / Math.max(1, words);
    }

    private EvaluationResult validate(CaptionModel model, List<CaptionedFeature> val) {
        Map<String, String> candidates = new LinkedHashMap<>();
        Map<String, List<String>> references = new HashMap<>();
        for (int i = 0; i < val.size(); i += VALIDATION_CHUNK) {
            List<CaptionedFeature> chunk = val.subList(i, Math.min(val.size(), i + VALIDATION_CHUNK));
            float[][] features = new float[chunk.size()][];
            for (int j = 0; j < chunk.size(); j++) {
                features[j] = chunk.get(j).feature();
            }
            List<Caption> captions = CaptionSearch.greedyBatch(model, features, config.maxCaptionLength());
            for (int j = 0; j < chunk.size(); j++) {
                candidates.put(chunk.get(j).imageId(), captions.get(j).text());
                references.put(chunk.get(j).imageId(), chunk.get(j).captions());
            }
        }
        return Evaluator.evaluate(candidates, references);
    }

    /** The examples with standardised features. */
    static List<CaptionedFeature> normalized(List<CaptionedFeature> examples, FeatureNormalization stats) {
        List<CaptionedFeature> out = new ArrayList<>(examples.size());
        for (CaptionedFeature e : examples) {
            out.add(new CaptionedFeature(e.imageId(), stats.apply(e.feature()), e.captions(),
                    e.mirrored() == null ? null : stats.apply(e.mirrored())));
        }
        return out;
    }

    private List<CaptionedFeature> validationSubset(List<CaptionedFeature> validation) {
        if (config.validationImages() == 0 || validation.size() <= config.validationImages()) {
            return validation;
        }
        return validation.subList(0, config.validationImages());
    }

    /** Writes the checkpoint's three files as a set (see {@link Checkpoint}). */
    private void saveCheckpoint(Path dir, Vocabulary vocabulary, CaptionNetwork net, State state) throws IOException {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(state);
        Checkpoint.write(dir, folder -> {
            vocabulary.save(folder.resolve("vocab.txt"));
            net.save(folder.resolve("decoder.zip"));
            if (featureStats != null) {
                featureStats.write(folder.resolve(FeatureNormalization.FILE_NAME));
            }
            AtomicFiles.writeString(folder.resolve(STATE_FILE), json);
        });
    }

    private void saveBundle(Path outDir, Vocabulary vocabulary, CaptionNetwork net, EpochStats stats, int epoch,
                            double elapsedSeconds, EvaluationResult eval) throws IOException {
        ModelBundle.save(outDir, ManifestFactory.manifest(outDir, config, provenance, vocabulary, net.config(),
                epoch, stats, elapsedSeconds, eval, Instant.now(), trainImages, trainCaptions), vocabulary, net,
                featureStats);
    }
}
