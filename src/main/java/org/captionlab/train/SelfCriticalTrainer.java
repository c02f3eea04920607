package org.captionlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.captionlab.eval.CiderDReward;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Evaluator;
import org.captionlab.eval.Metric;
import org.captionlab.model.CaptionModel;
import org.captionlab.model.CaptionNetwork;
import org.captionlab.model.DecoderState;
import org.captionlab.model.FeatureNormalization;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.text.Tokenizer;
import org.captionlab.text.Vocabulary;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-critical sequence training (Rennie et al. 2017): fine-tunes a trained bundle to maximise the CIDEr-D of the
 * captions it samples, with REINFORCE and a baseline.
 *
 * <p>Per batch of images: the current weights are copied into the plain-Java inference model, which samples
 * {@code K} captions per image ({@code softmax} at temperature 1, {@code <start>} and {@code <unk>} excluded); each
 * sample's reward is its CIDEr-D against the image's references with document frequencies from the
 * <em>training</em> references ({@link CiderDReward}), withheld (0) for degenerate samples ({@link RewardGuard});
 * its advantage is the reward minus the baseline (the mean of the image's other samples, or the greedy caption's
 * reward). Then one Adam step on the samples teacher-forced, each caption's loss weighted by its advantage
 * ({@link CaptionNetwork#fitWeighted}, exactly linear in the weights), so the step follows
 * {@code −Σ_i A_i · Σ_t ∇ log p(w_t | w_<t, v)} — up for samples better than the baseline, down for worse ones.
 * Dropout is off: the samples come from the network without it, so the gradient is that of the same policy.
 *
 * <p>After each epoch the validation images are captioned greedily; the bundle with the best validation CIDEr-D is
 * saved in the output folder (manifest with every phase: command, seed, time, validation metrics), the last state
 * as {@code checkpoint/} for {@code --resume}, and {@code scst-log.csv} gets one row per epoch (mean reward, share of
 * degenerate samples, greedy validation BLEU-4 / CIDEr-D, share of distinct captions, distinct words); epoch 0 is the
 * starting model. Deterministic: the image order and every sample depend only on the seed, the epoch and the batch.
 */
public final class SelfCriticalTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SelfCriticalTrainer.class);
    /** Per-epoch log of this phase, beside the bundle. */
    public static final String LOG_FILE = "scst-log.csv";
    static final String LOG_HEADER = "epoch,mean_reward,degenerate_samples,val_bleu4,val_cider_d,distinct_captions,"
            + "distinct_words,degenerate_captions,seconds";
    private static final String CHECKPOINT_DIR = "checkpoint";
    private static final int VALIDATION_CHUNK = 256;

    /** Receives progress; all methods are optional. */
    public interface Listener {
        default void batch(int epoch, int batch, int batches, double meanReward) {
        }

        default void epoch(EpochResult result, boolean best) {
        }
    }

    /**
     * One epoch.
     *
     * @param epoch               1-based (0: the starting model, not trained)
     * @param meanReward          mean reward of the epoch's samples (guard applied)
     * @param degenerateSamples   share of samples the guard withheld the reward from
     * @param valBleu4            greedy validation BLEU-4
     * @param valCiderD           greedy validation CIDEr-D
     * @param distinctCaptions    distinct greedy validation captions per validation image (1: no two images share one)
     * @param distinctWords       words used over all greedy validation captions
     * @param degenerateCaptions  share of greedy validation captions that are degenerate
     * @param seconds             wall time of the epoch
     */
    public record EpochResult(int epoch, double meanReward, double degenerateSamples, double valBleu4,
                              double valCiderD, double distinctCaptions, int distinctWords, double degenerateCaptions,
                              double seconds) {

        String row() {
            return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.4f,%d,%.4f,%.1f", epoch, meanReward,
                    degenerateSamples, valBleu4, valCiderD, distinctCaptions, distinctWords, degenerateCaptions,
                    seconds);
        }
    }

    /** Result of a run; {@code best} null when no epoch finished. */
    public record Outcome(List<EpochResult> epochs, int bestEpoch, EpochResult best, Path bundle, double seconds,
                          boolean stoppedEarly, boolean cancelled) {
    }

    /** Saved between epochs for {@code --resume}. */
    record State(int epoch, int bestEpoch, double bestCider, int stale, double secondsSoFar) {
    }

    private final ScstConfig config;
    private final String commandLine;
    private final Listener listener;

    public SelfCriticalTrainer(ScstConfig config, String commandLine, Listener listener) {
        this.config = config;
        this.commandLine = commandLine;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /**
     * Fine-tunes the bundle in {@code from} on {@code train} (raw features: the bundle's standardisation is applied
     * here), validating on {@code validation}, writing the result to {@code outDir} (not {@code from}).
     */
    public Outcome train(Path from, List<CaptionedFeature> train, List<CaptionedFeature> validation, Path outDir,
                         boolean resume, BooleanSupplier cancelled) throws IOException {
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("self-critical training needs training and validation images");
        }
        if (from.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out must differ from --from ('" + from + "'): the starting model is"
                    + " read while the new one is written");
        }
        long startNanos = System.nanoTime();
        Files.createDirectories(outDir);
        try (ModelBundle base = ModelBundle.load(from)) {
            Vocabulary vocabulary = base.vocabulary();
            FeatureNormalization stats = base.featureNormalization();
            List<CaptionedFeature> val = config.validationImages() == 0 || validation.size() <= config.validationImages()
                    ? validation : validation.subList(0, config.validationImages());
            if (stats != null) {
                train = Trainer.normalized(train, stats);
                val = Trainer.normalized(val, stats);
            }
            CiderDReward reward = CiderDReward.fromReferences(train.stream()
                    .map(e -> e.captions().stream().map(Tokenizer::words).toList()).toList());
            List<CiderDReward.References> references = new ArrayList<>(train.size());
            for (CaptionedFeature e : train) {
                references.add(reward.references(e.captions().stream().map(Tokenizer::words).toList()));
            }
            LOG.info("self-critical training from {} on {} images, validating on {}; CIDEr-D document frequencies of {}"
                    + " n-grams from the training references", from, train.size(), val.size(), reward.ngrams());

            CaptionNetwork net;
            State state;
            List<EpochResult> history = new ArrayList<>();
            Path checkpointDir = outDir.resolve(CHECKPOINT_DIR);
            Path logFile = outDir.resolve(LOG_FILE);
            if (resume) {
                Path checkpoint = Checkpoint.find(checkpointDir).orElseThrow(() ->
                        new IOException("cannot resume: no checkpoint in '" + checkpointDir + "'"));
                net = CaptionNetwork.load(checkpoint.resolve("decoder.zip"), true);
                state = new ObjectMapper().readValue(checkpoint.resolve(Checkpoint.STATE_FILE).toFile(), State.class);
                history.addAll(readLog(logFile, state.epoch()));
                LOG.info("resuming after epoch {} (best CIDEr-D {} at epoch {})", state.epoch(), state.bestCider(),
                        state.bestEpoch());
            } else {
                // The bundle reads its trainable network from disk; closing it twice is harmless.
                net = base.network();
                state = new State(0, 0, Double.NEGATIVE_INFINITY, 0, 0);
                long t0 = System.nanoTime();
                Validation v0 = validate(net.toCaptionModel(vocabulary), val, config.maxLength());
                history.add(new EpochResult(0, Double.NaN, Double.NaN, v0.bleu4(), v0.ciderD(), v0.distinct(),
                        v0.words(), v0.degenerate(), (System.nanoTime() - t0) / 1e9));
            }
            writeLog(logFile, history);
            try (CaptionNetwork network = net) {
                network.disableDropout();
                network.setLearningRate(config.learningRate());
                return run(network, vocabulary, stats, base.manifest(), train, references, reward, val, outDir, state,
                        history, startNanos, cancelled);
            }
        }
    }

    private Outcome run(CaptionNetwork net, Vocabulary vocabulary, FeatureNormalization stats, Manifest baseManifest,
                        List<CaptionedFeature> train, List<CiderDReward.References> references, CiderDReward reward,
                        List<CaptionedFeature> val, Path outDir, State state, List<EpochResult> history,
                        long startNanos, BooleanSupplier cancelled) throws IOException {
        int bestEpoch = state.bestEpoch();
        double bestCider = state.bestCider();
        int stale = state.stale();
        EpochResult best = history.stream().filter(e -> e.epoch() == state.bestEpoch() && e.epoch() > 0)
                .findFirst().orElse(null);
        boolean stoppedEarly = false;
        boolean wasCancelled = false;
        int lastEpoch = state.epoch();
        for (int epoch = state.epoch() + 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            double[] sums = fitEpoch(net, vocabulary, train, references, reward, epoch, cancelled);
            if (sums == null) {
                LOG.info("self-critical training cancelled during epoch {}; the checkpoint of epoch {} is kept", epoch,
                        epoch - 1);
                wasCancelled = true;
                break;
            }
            Validation v = validate(net.toCaptionModel(vocabulary), val, config.maxLength());
            EpochResult result = new EpochResult(epoch, sums[0], sums[1], v.bleu4(), v.ciderD(), v.distinct(),
                    v.words(), v.degenerate(), (System.nanoTime() - epochStart) / 1e9);
            history.add(result);
            appendLog(outDir.resolve(LOG_FILE), result);
            lastEpoch = epoch;
            boolean improved = result.valCiderD() > bestCider;
            double elapsed = state.secondsSoFar() + (System.nanoTime() - startNanos) / 1e9;
            if (improved) {
                bestCider = result.valCiderD();
                bestEpoch = epoch;
                best = result;
                stale = 0;
                saveBundle(outDir, net, vocabulary, stats, baseManifest, epoch, elapsed, v.metrics());
            } else {
                stale++;
            }
            State next = new State(epoch, bestEpoch, bestCider, stale, elapsed);
            saveCheckpoint(outDir.resolve(CHECKPOINT_DIR), vocabulary, net, next);
            LOG.info("scst epoch {}: mean reward {}, degenerate samples {}, val BLEU-4 {}, CIDEr-D {}, distinct captions"
                            + " {}, words {}, {} s{}", epoch, f(result.meanReward()), f(result.degenerateSamples()),
                    f(result.valBleu4()), f(result.valCiderD()), f(result.distinctCaptions()), result.distinctWords(),
                    f(result.seconds()), improved ? " (best)" : "");
            listener.epoch(result, improved);
            if (config.patience() > 0 && stale >= config.patience()) {
                LOG.info("early stopping: no better validation CIDEr-D for {} epochs", stale);
                stoppedEarly = true;
                break;
            }
        }
        return new Outcome(List.copyOf(history), bestEpoch, best, outDir, (System.nanoTime() - startNanos) / 1e9,
                stoppedEarly, wasCancelled);
    }

    /** One pass over the training images; {mean reward, degenerate share}, or null when cancelled. */
    private double[] fitEpoch(CaptionNetwork net, Vocabulary vocabulary, List<CaptionedFeature> train,
                              List<CiderDReward.References> references, CiderDReward reward, int epoch,
                              BooleanSupplier cancelled) {
        List<Integer> order = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
        int batches = (order.size() + config.imagesPerBatch() - 1) / config.imagesPerBatch();
        double rewardSum = 0;
        long degenerate = 0;
        long samples = 0;
        for (int b = 0; b < batches; b++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            List<Integer> images = order.subList(b * config.imagesPerBatch(),
                    Math.min(order.size(), (b + 1) * config.imagesPerBatch()));
            Step step = step(net, vocabulary, train, references, reward, images, new Random(batchSeed(epoch, b)));
            rewardSum += step.rewardSum();
            degenerate += step.degenerate();
            samples += step.samples();
            listener.batch(epoch, b + 1, batches, step.rewardSum() / step.samples());
        }
        return new double[] {rewardSum / samples, (double) degenerate / samples};
    }

    private record Step(double rewardSum, int degenerate, int samples) {
    }

    /** Samples, scores and fits one batch of images. Package-private for tests. */
    Step step(CaptionNetwork net, Vocabulary vocabulary, List<CaptionedFeature> train,
              List<CiderDReward.References> references, CiderDReward reward, List<Integer> images, Random random) {
        int k = config.samples();
        CaptionModel model = net.toCaptionModel(vocabulary);
        float[][] rows = new float[images.size() * k][];
        for (int i = 0; i < images.size(); i++) {
            for (int s = 0; s < k; s++) {
                rows[i * k + s] = train.get(images.get(i)).feature();
            }
        }
        Samples drawn = sample(model, rows, config.maxLength(), random);
        double[] rewards = new double[rows.length];
        int degenerate = 0;
        for (int r = 0; r < rows.length; r++) {
            List<String> words = vocabulary.decode(drawn.ids()[r]);
            boolean bad = config.guard() && RewardGuard.degenerate(words, drawn.finished()[r]);
            degenerate += bad ? 1 : 0;
            rewards[r] = bad ? 0 : reward.score(words, references.get(images.get(r / k)));
        }
        double[] baselines = new double[rows.length];
        if (config.baseline() == ScstConfig.Baseline.GREEDY) {
            float[][] features = new float[images.size()][];
            for (int i = 0; i < images.size(); i++) {
                features[i] = train.get(images.get(i)).feature();
            }
            List<Caption> greedy = CaptionSearch.greedyBatch(model, features, config.maxLength());
            for (int i = 0; i < images.size(); i++) {
                Caption g = greedy.get(i);
                double value = config.guard() && RewardGuard.degenerate(g.words(), g.finished()) ? 0
                        : reward.score(g.words(), references.get(images.get(i)));
                Arrays.fill(baselines, i * k, (i + 1) * k, value);
            }
        } else {
            for (int i = 0; i < images.size(); i++) {
                double sum = 0;
                for (int s = 0; s < k; s++) {
                    sum += rewards[i * k + s];
                }
                for (int s = 0; s < k; s++) {
                    baselines[i * k + s] = (sum - rewards[i * k + s]) / (k - 1);
                }
            }
        }
        List<float[]> features = new ArrayList<>();
        List<int[]> captions = new ArrayList<>();
        List<Double> advantages = new ArrayList<>();
        List<Boolean> finished = new ArrayList<>();
        double rewardSum = 0;
        for (int r = 0; r < rows.length; r++) {
            rewardSum += rewards[r];
            double advantage = rewards[r] - baselines[r];
            // An empty sample (<end> first) cannot be teacher-forced by CaptionNetwork.batch; it is rare once trained.
            if (drawn.ids()[r].length > 0 && (config.positiveOnly() ? advantage > 0 : advantage != 0)) {
                features.add(rows[r]);
                captions.add(drawn.ids()[r]);
                advantages.add(advantage);
                finished.add(drawn.finished()[r]);
            }
        }
        if (config.ceWeight() > 0) {
            // The mixed objective: one reference per image, drawn with the batch's random, teacher-forced.
            for (int i = 0; i < images.size(); i++) {
                List<String> refs = train.get(images.get(i)).captions();
                int[] ids = vocabulary.encode(refs.get(random.nextInt(refs.size())));
                if (ids.length == 0) {
                    continue;
                }
                boolean whole = ids.length <= config.maxLength();
                features.add(rows[i * k]);
                captions.add(whole ? ids : Arrays.copyOf(ids, config.maxLength()));
                advantages.add(config.ceWeight());
                finished.add(whole);
            }
        }
        if (!captions.isEmpty()) {
            fitWeighted(net, features, captions, advantages, finished, config.maxLength());
        }
        return new Step(rewardSum, degenerate, rows.length);
    }

    /**
     * One Adam step on teacher-forced captions whose per-step loss is weighted by the caption's advantage
     * ({@link CaptionNetwork#fitWeighted}). A caption cut at the length limit gets no {@code <end>} target.
     */
    static void fitWeighted(CaptionNetwork net, List<float[]> features, List<int[]> captions, List<Double> advantages,
                            List<Boolean> finished, int maxLength) {
        double[] a = advantages.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] end = new boolean[finished.size()];
        for (int i = 0; i < end.length; i++) {
            end[i] = finished.get(i);
        }
        net.fitWeighted(features, captions, a, end, maxLength + 1);
    }

    /** Sampled word ids (no markers) per row, and whether each row ended with {@code <end>}. */
    record Samples(int[][] ids, boolean[] finished) {
    }

    /** Draws one caption per row from the model at temperature 1, never {@code <start>} or {@code <unk>}. */
    static Samples sample(CaptionModel model, float[][] rows, int maxLength, Random random) {
        int n = rows.length;
        List<List<Integer>> words = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            words.add(new ArrayList<>());
        }
        boolean[] finished = new boolean[n];
        int[] active = new int[n];
        for (int r = 0; r < n; r++) {
            active[r] = r;
        }
        DecoderState state = model.initialStates(rows);
        int[] previous = new int[n];
        Arrays.fill(previous, Vocabulary.START_ID);
        double[] weights = new double[model.vocabulary().size()];
        for (int t = 0; t < maxLength && active.length > 0; t++) {
            CaptionModel.Step step = model.step(state, previous);
            int[] keep = new int[active.length];
            int kept = 0;
            for (int a = 0; a < active.length; a++) {
                int token = draw(step.logProbs()[a], weights, random);
                if (token == Vocabulary.END_ID) {
                    finished[active[a]] = true;
                } else {
                    words.get(active[a]).add(token);
                    keep[kept++] = a;
                }
            }
            int[] nextActive = new int[kept];
            int[] nextPrevious = new int[kept];
            for (int j = 0; j < kept; j++) {
                nextActive[j] = active[keep[j]];
                List<Integer> w = words.get(nextActive[j]);
                nextPrevious[j] = w.get(w.size() - 1);
            }
            state = kept == active.length ? step.next() : step.next().select(Arrays.copyOf(keep, kept));
            active = nextActive;
            previous = nextPrevious;
        }
        int[][] ids = new int[n][];
        for (int r = 0; r < n; r++) {
            ids[r] = words.get(r).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Samples(ids, finished);
    }

    private static int draw(float[] logProbs, double[] weights, Random random) {
        double total = 0;
        for (int j = 0; j < logProbs.length; j++) {
            weights[j] = j == Vocabulary.START_ID || j == Vocabulary.UNK_ID ? 0 : Math.exp(logProbs[j]);
            total += weights[j];
        }
        double u = random.nextDouble() * total;
        int last = Vocabulary.END_ID;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] > 0) {
                last = j;
                u -= weights[j];
                if (u < 0) {
                    return j;
                }
            }
        }
        return last;
    }

    /** A seed for batch {@code b} of epoch {@code epoch}: SplitMix64's finaliser, so neighbours are unrelated. */
    private long batchSeed(int epoch, int b) {
        long z = config.seed() + 0x9E3779B97F4A7C15L * ((long) epoch * 1_000_003L + b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Greedy validation: metrics, share of distinct captions, vocabulary used and share of degenerate captions. */
    record Validation(Map<String, Double> metrics, double bleu4, double ciderD, double distinct, int words,
                      double degenerate) {
    }

    static Validation validate(CaptionModel model, List<CaptionedFeature> val, int maxLength) {
        Map<String, String> candidates = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        Map<String, Integer> captionCounts = new LinkedHashMap<>();
        Set<String> words = new HashSet<>();
        int degenerate = 0;
        for (int i = 0; i < val.size(); i += VALIDATION_CHUNK) {
            List<CaptionedFeature> chunk = val.subList(i, Math.min(val.size(), i + VALIDATION_CHUNK));
            float[][] features = chunk.stream().map(CaptionedFeature::feature).toArray(float[][]::new);
            List<Caption> captions = CaptionSearch.greedyBatch(model, features, maxLength);
            for (int j = 0; j < chunk.size(); j++) {
                Caption c = captions.get(j);
                candidates.put(chunk.get(j).imageId(), c.text());
                refs.put(chunk.get(j).imageId(), chunk.get(j).captions());
                captionCounts.merge(c.text(), 1, Integer::sum);
                words.addAll(c.words());
                degenerate += RewardGuard.degenerate(c.words(), c.finished()) ? 1 : 0;
            }
        }
        EvaluationResult eval = Evaluator.evaluate(candidates, refs);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            metrics.put(m.label(), eval.corpus(m));
        }
        return new Validation(metrics, eval.corpus(Metric.BLEU_4), eval.corpus(Metric.CIDER_D),
                (double) captionCounts.size() / val.size(), words.size(), (double) degenerate / val.size());
    }

    private void saveBundle(Path outDir, CaptionNetwork net, Vocabulary vocabulary, FeatureNormalization stats,
                            Manifest base, int epoch, double elapsed, Map<String, Double> metrics) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("from", base.name());
        settings.put("learningRate", config.learningRate());
        settings.put("samples", config.samples());
        settings.put("imagesPerBatch", config.imagesPerBatch());
        settings.put("maxLength", config.maxLength());
        settings.put("baseline", config.baseline().name().toLowerCase(Locale.ROOT));
        settings.put("guard", config.guard());
        settings.put("positiveOnly", config.positiveOnly());
        settings.put("ceWeight", config.ceWeight());
        settings.put("patience", config.patience());
        settings.put("maxEpochs", config.epochs());
        settings.put("reward", "CIDEr-D, document frequencies of the training references");
        Manifest.Phase phase = new Manifest.Phase("scst", commandLine, config.seed(), epoch, epoch, elapsed, settings,
                metrics);
        Manifest.Training training = base.training();
        List<Manifest.Phase> phases = new ArrayList<>();
        if (training != null && training.phases() != null) {
            phases.addAll(training.phases());
        } else if (training != null) {
            phases.add(training.asPhase("ce", base.metrics().get("val-greedy")));
        }
        phases.add(phase);
        Manifest.Training newTraining = training == null
                ? new Manifest.Training(null, null, null, null, null, commandLine, config.seed(), epoch, epoch, elapsed,
                        Map.of(), null, null, phases)
                : training.withPhases(phases);
        String name = outDir.toAbsolutePath().normalize().getFileName().toString();
        // The starting model's evaluation runs described other weights: only this phase's validation is kept.
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, name, Instant.now(),
                ManifestFactory.captionlabVersion(), base.encoder(), base.decoder(), Manifest.Files.defaults(),
                newTraining, Map.of("val-greedy", metrics), base.decoding(),
                (base.notes() == null ? "" : base.notes() + " ") + "Fine-tuned with self-critical training (SCST) from '"
                        + base.name() + "'; its beam-search metrics must be measured again with `captionlab evaluate`.");
        ModelBundle.save(outDir, manifest, vocabulary, net, stats);
    }

    private void saveCheckpoint(Path dir, Vocabulary vocabulary, CaptionNetwork net, State state) throws IOException {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(state);
        Checkpoint.write(dir, folder -> {
            vocabulary.save(folder.resolve("vocab.txt"));
            net.save(folder.resolve("decoder.zip"));
            AtomicFiles.writeString(folder.resolve(Checkpoint.STATE_FILE), json);
        });
    }

    private static void writeLog(Path file, List<EpochResult> rows) throws IOException {
        StringBuilder sb = new StringBuilder(LOG_HEADER).append('\n');
        for (EpochResult r : rows) {
            sb.append(r.row()).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static void appendLog(Path file, EpochResult r) throws IOException {
        Files.writeString(file, r.row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The log's rows up to {@code lastEpoch} (a resumed run drops the epochs after its checkpoint). */
    private static List<EpochResult> readLog(Path file, int lastEpoch) throws IOException {
        List<EpochResult> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c.length < 9 || Integer.parseInt(c[0]) > lastEpoch) {
                continue;
            }
            rows.add(new EpochResult(Integer.parseInt(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                    Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                    Integer.parseInt(c[6]), Double.parseDouble(c[7]), Double.parseDouble(c[8])));
        }
        return rows;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
