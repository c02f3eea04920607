package org.captionlab.train;

import org.captionlab.model.CaptionNetwork;
import org.captionlab.model.CellType;
import org.captionlab.model.DecoderConfig;
import org.captionlab.model.FeatureNormalization;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.model.TrainingHyperparameters;
import org.captionlab.search.CaptionSearch;
import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SelfCriticalTrainerTest {

    private static final String SHA = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";
    private static final int F = 4;
    private static final List<String> CAPTIONS = List.of("a dog runs on the grass", "a cat sits on a mat",
            "a man rides a bike", "two dogs play in the snow", "a girl jumps into the pool", "a bird flies over water",
            "a boy kicks a ball", "a woman walks on the beach");

    @TempDir
    Path tmp;

    private static Vocabulary vocabulary() {
        return Vocabulary.fromCaptions(CAPTIONS, 1);
    }

    private static DecoderConfig config(Vocabulary vocabulary) {
        return new DecoderConfig(CellType.RNN, F, vocabulary.size(), 6, 12, 0.0);
    }

    /**
     * The REINFORCE step with the advantage in the label mask: a positive advantage makes the sampled caption more
     * likely, a negative one less likely, and the size of the change follows the size of the advantage.
     */
    @Test
    void stepMovesProbabilityTowardsAPositiveAdvantageSampleAndAwayFromANegativeOne() {
        Vocabulary vocabulary = vocabulary();
        float[] feature = {0.5f, -1f, 2f, 0.1f};
        int[] caption = vocabulary.encode("a dog runs on the grass");
        double before;
        double[] after = new double[3];
        double[] advantages = {1.0, -1.0, 0.25};
        for (int i = 0; i < advantages.length; i++) {
            try (CaptionNetwork net = CaptionNetwork.create(config(vocabulary),
                    TrainingHyperparameters.defaults().withLearningRate(0.01).withSeed(3))) {
                before = CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), feature, caption);
                SelfCriticalTrainer.fitWeighted(net, List.of(feature), List.of(caption), List.of(advantages[i]),
                        List.of(true), 16);
                after[i] = CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), feature, caption) - before;
            }
        }
        assertThat(after[0]).isGreaterThan(0);
        assertThat(after[1]).isLessThan(0);
        assertThat(after[2]).isGreaterThan(0).isLessThan(after[0]);
    }

    /**
     * The fine-tuning learning rate applies to a network read from a bundle (saved without Adam state, with the CE
     * phase's last learning rate in its configuration): Adam's first step moves each weight by at most about lr.
     */
    @Test
    void learningRateSetOnALoadedBundleNetworkIsTheOneUsed() throws IOException {
        Path from = baseBundle();
        try (ModelBundle base = ModelBundle.load(from)) {
            CaptionNetwork net = base.network();
            float[] before = net.parameters();
            net.setLearningRate(1e-6);
            Vocabulary vocabulary = base.vocabulary();
            SelfCriticalTrainer.fitWeighted(net, List.of(new float[] {0.5f, -1f, 2f, 0.1f}),
                    List.of(vocabulary.encode("a dog runs on the grass")), List.of(1.0), List.of(true), 16);
            float[] after = net.parameters();
            double max = 0;
            for (int i = 0; i < before.length; i++) {
                max = Math.max(max, Math.abs(after[i] - before[i]));
            }
            assertThat(max).isGreaterThan(0).isLessThan(1.5e-6);
        }
    }

    /** Several captions in one batch: each moves by its own advantage (the mask's rows are the captions). */
    @Test
    void eachCaptionOfABatchFollowsItsOwnAdvantage() {
        Vocabulary vocabulary = vocabulary();
        float[] f1 = {0.5f, -1f, 2f, 0.1f};
        float[] f2 = {-1f, 0.3f, 0.2f, 1.5f};
        int[] good = vocabulary.encode("a dog runs on the grass");
        int[] bad = vocabulary.encode("a man rides a bike");
        try (CaptionNetwork net = CaptionNetwork.create(config(vocabulary),
                TrainingHyperparameters.defaults().withLearningRate(0.01).withSeed(3))) {
            double goodBefore = CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), f1, good);
            double badBefore = CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), f2, bad);
            SelfCriticalTrainer.fitWeighted(net, List.of(f2, f1), List.of(bad, good), List.of(-1.0, 1.0),
                    List.of(true, true), 16);
            assertThat(CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), f1, good)).isGreaterThan(goodBefore);
            assertThat(CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), f2, bad)).isLessThan(badBefore);
        }
    }

    @Test
    void sameSeedGivesTheSameFineTunedWeightsAndResumingChangesNothing() throws IOException {
        Path from = baseBundle();
        List<CaptionedFeature> train = examples(0, 8);
        List<CaptionedFeature> val = examples(8, 4);
        ScstConfig two = new ScstConfig(2, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L);

        new SelfCriticalTrainer(two, "test", null).train(from, train, val, tmp.resolve("a"), false, () -> false);
        SelfCriticalTrainer.Outcome b = new SelfCriticalTrainer(two, "test", null)
                .train(from, train, val, tmp.resolve("b"), false, () -> false);
        // Interrupted after one epoch, then resumed to two.
        ScstConfig one = new ScstConfig(1, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L);
        new SelfCriticalTrainer(one, "test", null).train(from, train, val, tmp.resolve("c"), false, () -> false);
        new SelfCriticalTrainer(two, "test", null).train(from, train, val, tmp.resolve("c"), true, () -> false);

        float[] a = lastWeights(tmp.resolve("a"));
        float[] start;
        try (ModelBundle base = ModelBundle.load(from)) {
            start = base.network().parameters();
        }
        assertThat(a).isNotEqualTo(start);
        assertThat(lastWeights(tmp.resolve("b"))).containsExactly(a);
        assertThat(lastWeights(tmp.resolve("c"))).containsExactly(a);

        assertThat(b.epochs()).extracting(SelfCriticalTrainer.EpochResult::epoch).containsExactly(0, 1, 2);
        List<String> log = Files.readAllLines(tmp.resolve("b").resolve(SelfCriticalTrainer.LOG_FILE));
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).startsWith("epoch,mean_reward");
        // Same rows but for the wall time (last column).
        assertThat(withoutSeconds(Files.readAllLines(tmp.resolve("c").resolve(SelfCriticalTrainer.LOG_FILE))))
                .isEqualTo(withoutSeconds(log));

        try (ModelBundle out = ModelBundle.load(tmp.resolve("b"))) {
            Manifest m = out.manifest();
            assertThat(m.training().phases()).extracting(Manifest.Phase::name).containsExactly("ce", "scst");
            Manifest.Phase scst = m.training().phases().get(1);
            assertThat(scst.seed()).isEqualTo(11L);
            assertThat(scst.commandLine()).isEqualTo("test");
            assertThat(scst.validationMetrics()).containsKey("CIDEr-D");
            assertThat(m.metrics()).containsOnlyKeys("val-greedy");
            // The starting bundle's standardisation travels with the fine-tuned weights.
            assertThat(out.featureNormalization()).isNotNull();
        }
    }

    @Test
    void positiveOnlyFitsFewerCaptionsThanTheFullStep() throws IOException {
        Path from = baseBundle();
        List<CaptionedFeature> train = examples(0, 8);
        List<CaptionedFeature> val = examples(8, 4);
        ScstConfig all = new ScstConfig(1, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L, false, 0);
        ScstConfig positive = new ScstConfig(1, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L,
                true, 0);
        new SelfCriticalTrainer(all, "test", null).train(from, train, val, tmp.resolve("all"), false, () -> false);
        new SelfCriticalTrainer(positive, "test", null).train(from, train, val, tmp.resolve("pos"), false, () -> false);
        float[] start;
        try (ModelBundle base = ModelBundle.load(from)) {
            start = base.network().parameters();
        }
        float[] pos = lastWeights(tmp.resolve("pos"));
        assertThat(pos).isNotEqualTo(start);
        assertThat(pos).isNotEqualTo(lastWeights(tmp.resolve("all")));
    }

    /**
     * The mixed objective: with a cross-entropy weight the step also teacher-forces the references, so after the same
     * epoch (same samples, same seed) the training references are more probable than after pure self-critical
     * training.
     */
    @Test
    void crossEntropyWeightKeepsTheReferencesMoreProbable() throws IOException {
        Path from = baseBundle();
        List<CaptionedFeature> train = examples(0, 8);
        List<CaptionedFeature> val = examples(8, 4);
        ScstConfig pure = new ScstConfig(1, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L, false, 0);
        ScstConfig mixed = new ScstConfig(1, 5e-3, 3, 3, 10, ScstConfig.Baseline.MEAN_OF_OTHERS, true, 0, 0, 11L, false,
                1.0);
        new SelfCriticalTrainer(pure, "test", null).train(from, train, val, tmp.resolve("pure"), false, () -> false);
        new SelfCriticalTrainer(mixed, "test", null).train(from, train, val, tmp.resolve("mixed"), false, () -> false);
        assertThat(referenceLogProb(from, tmp.resolve("mixed"), train))
                .isGreaterThan(referenceLogProb(from, tmp.resolve("pure"), train));
    }

    /** Mean log-probability of every training reference under the last weights in {@code out}. */
    private static double referenceLogProb(Path from, Path out, List<CaptionedFeature> train) throws IOException {
        Path checkpoint = Checkpoint.find(out.resolve("checkpoint")).orElseThrow();
        try (ModelBundle base = ModelBundle.load(from);
             CaptionNetwork net = CaptionNetwork.load(checkpoint.resolve("decoder.zip"), false)) {
            Vocabulary vocabulary = base.vocabulary();
            double sum = 0;
            int n = 0;
            for (CaptionedFeature e : train) {
                float[] f = base.featureNormalization().apply(e.feature());
                for (String c : e.captions()) {
                    sum += CaptionSearch.logProbOf(net.toCaptionModel(vocabulary), f, vocabulary.encode(c));
                    n++;
                }
            }
            return sum / n;
        }
    }

    @Test
    void guardFlagsTheKnownFailureModes() {
        assertThat(RewardGuard.degenerate(List.of("a", "dog", "runs", "with", "a"), true)).isTrue();
        assertThat(RewardGuard.degenerate(List.of("a", "dog", "runs", "in", "the", "grass", "in", "the"), true))
                .isTrue();
        assertThat(RewardGuard.degenerate(List.of("a", "dog", "in", "the", "grass", "in", "the", "grass"), true))
                .isTrue();
        // A repeated bigram is ordinary English.
        assertThat(RewardGuard.degenerate(List.of("a", "man", "in", "a", "red", "shirt", "sits", "in", "a", "park"),
                true)).isFalse();
        assertThat(RewardGuard.degenerate(List.of("a", "dog", "runs"), false)).isTrue();
        assertThat(RewardGuard.degenerate(List.of(), true)).isTrue();
        assertThat(RewardGuard.degenerate(List.of("a", "dog", "runs", "on", "the", "grass"), true)).isFalse();
    }

    private static List<String> withoutSeconds(List<String> rows) {
        return rows.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }

    private static float[] lastWeights(Path out) throws IOException {
        Path checkpoint = Checkpoint.find(out.resolve("checkpoint")).orElseThrow();
        try (CaptionNetwork net = CaptionNetwork.load(checkpoint.resolve("decoder.zip"), false)) {
            return net.parameters();
        }
    }

    private static List<CaptionedFeature> examples(int from, int count) {
        List<CaptionedFeature> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Random r = new Random(i);
            float[] f = new float[F];
            for (int k = 0; k < F; k++) {
                f[k] = (float) (3 + r.nextGaussian());
            }
            out.add(new CaptionedFeature("img" + i, f,
                    List.of(CAPTIONS.get(i % CAPTIONS.size()), CAPTIONS.get((i + 1) % CAPTIONS.size()))));
        }
        return out;
    }

    /** A briefly CE-trained bundle on standardised features, so that sampling is not uniform noise. */
    private Path baseBundle() throws IOException {
        Vocabulary vocabulary = vocabulary();
        DecoderConfig config = config(vocabulary);
        List<CaptionedFeature> train = examples(0, 8);
        FeatureNormalization stats = FeatureNormalization.fit(train.stream().map(CaptionedFeature::feature).toList());
        Path dir = tmp.resolve("base");
        try (CaptionNetwork net = CaptionNetwork.create(config,
                TrainingHyperparameters.defaults().withLearningRate(0.02).withSeed(5))) {
            List<float[]> features = new ArrayList<>();
            List<int[]> captions = new ArrayList<>();
            for (CaptionedFeature e : train) {
                for (String c : e.captions()) {
                    features.add(stats.apply(e.feature()));
                    captions.add(vocabulary.encode(c));
                }
            }
            for (int i = 0; i < 30; i++) {
                net.fit(net.batch(features, captions, 12));
            }
            Manifest.Training training = new Manifest.Training("test", null, null, 8, 16, "ce command", 5L, 30, 30,
                    1.0, java.util.Map.of());
            ModelBundle.save(dir, Manifest.create("base", "0.1.0", new Manifest.Encoder("mobilenet-v2", F, SHA), config)
                    .withTraining(training), vocabulary, net, stats);
        }
        return dir;
    }
}
