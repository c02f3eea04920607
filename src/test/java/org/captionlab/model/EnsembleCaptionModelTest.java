package org.captionlab.model;

import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.search.DecodeOptions;
import org.captionlab.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EnsembleCaptionModelTest {

    private static final String SHA = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";
    private static final int V = 14;
    private static final DecoderConfig RNN = new DecoderConfig(CellType.RNN, 5, V, 4, 9, 0.0);
    private static final DecoderConfig LSTM = new DecoderConfig(CellType.LSTM, 5, V, 6, 7, 0.0);
    private final Vocabulary vocabulary = TestData.vocabulary(V);

    @TempDir
    Path tmp;

    private RecurrentCaptionModel model(DecoderConfig config, long seed) {
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults().withSeed(seed))) {
            return network.toCaptionModel(vocabulary);
        }
    }

    private static final List<DecodeOptions> DECODINGS = List.of(DecodeOptions.greedy(), DecodeOptions.beam(3, 3),
            DecodeOptions.sample(1.0, 7, 4));

    @Test
    void ensembleOfOneIsThatModel() {
        RecurrentCaptionModel single = model(RNN, 1);
        EnsembleCaptionModel ensemble = new EnsembleCaptionModel(List.of(single));
        float[] feature = TestData.randomFeature(new Random(2), 5);
        for (DecodeOptions options : DECODINGS) {
            List<Caption> expected = CaptionSearch.decode(single, feature, options);
            List<Caption> actual = CaptionSearch.decode(ensemble, feature, options);
            assertThat(actual).extracting(Caption::words).isEqualTo(expected.stream().map(Caption::words).toList());
            assertThat(actual).extracting(Caption::logProb).isEqualTo(expected.stream().map(Caption::logProb).toList());
        }
        int[] caption = {3, 4, 5};
        assertThat(CaptionSearch.logProbOf(ensemble, feature, caption))
                .isEqualTo(CaptionSearch.logProbOf(single, feature, caption));
    }

    @Test
    void averagesLogProbabilitiesAndRenormalises() {
        RecurrentCaptionModel a = model(RNN, 1);
        RecurrentCaptionModel b = model(LSTM, 2);
        EnsembleCaptionModel ensemble = new EnsembleCaptionModel(List.of(a, b));
        float[][] features = {TestData.randomFeature(new Random(3), 5), TestData.randomFeature(new Random(4), 5)};
        int[] start = {Vocabulary.START_ID, Vocabulary.START_ID};
        CaptionModel.Step sa = a.step(a.initialStates(features), start);
        CaptionModel.Step sb = b.step(b.initialStates(features), start);
        CaptionModel.Step se = ensemble.step(ensemble.initialStates(features), start);
        // A second step after a row reordering checks that the members' states move together.
        int[] rows = {1, 1, 0};
        int[] next = {5, 6, 7};
        CaptionModel.Step ta = a.step(sa.next().select(rows), next);
        CaptionModel.Step tb = b.step(sb.next().select(rows), next);
        CaptionModel.Step te = ensemble.step(se.next().select(rows), next);
        check(sa.logProbs(), sb.logProbs(), se.logProbs());
        check(ta.logProbs(), tb.logProbs(), te.logProbs());
        // Identical members: the ensemble is the member.
        EnsembleCaptionModel twice = new EnsembleCaptionModel(List.of(a, a));
        float[] one = twice.step(twice.initialStates(features), start).logProbs()[0];
        for (int j = 0; j < V; j++) {
            assertThat(one[j]).isCloseTo(sa.logProbs()[0][j], within(1e-5f));
        }
    }

    private static void check(float[][] a, float[][] b, float[][] ensemble) {
        for (int r = 0; r < a.length; r++) {
            double norm = 0;
            for (int j = 0; j < V; j++) {
                norm += Math.exp((a[r][j] + b[r][j]) / 2.0);
            }
            double log = Math.log(norm);
            double total = 0;
            for (int j = 0; j < V; j++) {
                assertThat((double) ensemble[r][j]).isCloseTo((a[r][j] + b[r][j]) / 2.0 - log, within(1e-5));
                total += Math.exp(ensemble[r][j]);
            }
            assertThat(total).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void refusesMembersWithAnotherVocabularyOrFeatureSize() {
        RecurrentCaptionModel a = model(RNN, 1);
        RecurrentCaptionModel other;
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.RNN, 5, V + 1, 4, 9, 0.0),
                TrainingHyperparameters.defaults())) {
            other = network.toCaptionModel(TestData.vocabulary(V + 1));
        }
        assertThatThrownBy(() -> new EnsembleCaptionModel(List.of(a, other))).hasMessageContaining("vocabulary");
        RecurrentCaptionModel wide;
        try (CaptionNetwork network = CaptionNetwork.create(new DecoderConfig(CellType.RNN, 6, V, 4, 9, 0.0),
                TrainingHyperparameters.defaults())) {
            wide = network.toCaptionModel(vocabulary);
        }
        assertThatThrownBy(() -> new EnsembleCaptionModel(List.of(a, wide))).hasMessageContaining("6-d");
    }

    @Test
    void bundlesLoadAsOneEnsembleFromSeveralFoldersOrAnEnsembleFolder() throws IOException {
        Path a = save("a", RNN, 1, null);
        Path b = save("b", LSTM, 2, new FeatureNormalization(new float[5], new float[] {2, 2, 2, 2, 2}));
        Path folder = tmp.resolve("ens");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(ModelBundle.ENSEMBLE_FILE), "# members\n../a\n../b\n");
        float[] feature = TestData.randomFeature(new Random(9), 5);
        try (ModelBundle ma = ModelBundle.load(a); ModelBundle mb = ModelBundle.load(b);
             ModelBundle listed = ModelBundle.load(List.of(a, b)); ModelBundle fromFolder = ModelBundle.load(folder)) {
            EnsembleCaptionModel expected = new EnsembleCaptionModel(List.of(ma.model(), mb.model()));
            DecodeOptions beam = DecodeOptions.beam(3, 3);
            List<List<String>> want = CaptionSearch.decode(expected, feature, beam).stream().map(Caption::words).toList();
            assertThat(CaptionSearch.decode(listed.model(), feature, beam)).extracting(Caption::words).isEqualTo(want);
            assertThat(CaptionSearch.decode(fromFolder.model(), feature, beam)).extracting(Caption::words)
                    .isEqualTo(want);
            assertThat(fromFolder.isEnsemble()).isTrue();
            assertThat(fromFolder.manifest().name()).isEqualTo("ens");
            assertThat(fromFolder.manifest().metrics()).isEmpty();
            assertThatThrownBy(fromFolder::network).isInstanceOf(IllegalStateException.class);
        }
    }

    private Path save(String name, DecoderConfig config, long seed, FeatureNormalization stats) throws IOException {
        Path dir = tmp.resolve(name);
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults().withSeed(seed))) {
            ModelBundle.save(dir, Manifest.create(name, "0.1.0", new Manifest.Encoder("mobilenet-v2", 5, SHA), config)
                    .withMetrics("dev", java.util.Map.of("BLEU-4", 0.1)), vocabulary, network, stats);
        }
        return dir;
    }
}
