package org.captionlab.gui.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.captionlab.eval.Metric;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.model.ScstEpochStats;
import org.captionlab.model.ScstLog;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Model view's view model, no display: the shipped bundles' manifests and training logs. */
class ModelReportViewModelTest {

    private static final ModelInfo RNN = new ModelInfo("rnn-v1", Path.of("models", "rnn-v1"), "mobilenet-v2", "rnn", 2539, "");
    private static final ModelInfo LSTM = new ModelInfo("lstm", Path.of("models", "lstm"), "mobilenet-v2", "lstm", 2539, "");

    private final SimpleObjectProperty<ModelInfo> main = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<ModelInfo> compare = new SimpleObjectProperty<>();
    private final ModelReportViewModel vm = new ModelReportViewModel(main, compare, new DirectTaskExecutor());

    @TempDir
    Path tmp;

    @Test
    void showsNothingUntilAModelIsLoaded() {
        assertThat(vm.statusProperty().get()).isEqualTo("No model is loaded.");
        assertThat(vm.details()).isEmpty();
        assertThat(vm.curves(Chart.LOSS)).isEmpty();
    }

    @Test
    void theShippedModelsTrainingCurvesAndRecordedRunsAreShown() throws IOException {
        main.set(RNN);
        assertThat(vm.statusProperty().get()).isEqualTo("'rnn-v1': 12 epochs logged.");

        List<Curve> loss = vm.curves(Chart.LOSS);
        assertThat(loss).extracting(Curve::label).containsExactly("rnn-v1: train loss", "rnn-v1: val loss");
        assertThat(loss.get(0).points()).hasSize(12);
        // Row 12 of models/rnn-v1/training-log.csv: 12,2.729368,3.084097,...
        assertThat(loss.get(1).points().get(11)).containsExactly(12.0, 3.084097);
        assertThat(vm.curves(Chart.SPECTRAL_RADIUS)).singleElement()
                .satisfies(c -> assertThat(c.points().get(0)[1]).isCloseTo(3.438859, within(1e-9)));

        ModelReportViewModel.MetricRow beam7 = vm.metrics().stream().filter(r -> r.run().equals("dev-beam7")).findFirst().orElseThrow();
        assertThat(beam7.model()).isEqualTo("rnn-v1");
        assertThat(beam7.images()).isEqualTo(1000);
        assertThat(beam7.score(Metric.BLEU_4)).isEqualTo("0.181");
        assertThat(vm.details()).anySatisfy(d -> {
            assertThat(d.property()).isEqualTo("Decoder");
            assertThat(d.main()).isEqualTo("RNN, embedding 256, hidden 512, dropout 0.5");
            assertThat(d.compare()).isEmpty();
        });
        assertThat(vm.details()).anySatisfy(d -> {
            assertThat(d.property()).isEqualTo("Epochs (best)");
            assertThat(d.main()).isEqualTo("12 (best 12)");
        });
    }

    @Test
    void aComparisonModelAddsItsCurvesRunsAndColumnAndGoesAwayAgain() {
        main.set(RNN);
        compare.set(LSTM);
        assertThat(vm.statusProperty().get()).isEqualTo("'rnn-v1': 12 epochs logged; compared with 'lstm' (12 epochs).");
        List<Curve> quality = vm.curves(Chart.QUALITY);
        assertThat(quality).extracting(Curve::label).containsExactly(
                "rnn-v1: val BLEU-4", "rnn-v1: val CIDEr-D", "lstm: val BLEU-4", "lstm: val CIDEr-D");
        assertThat(quality).extracting(Curve::main).containsExactly(true, true, false, false);
        assertThat(vm.metrics()).extracting(ModelReportViewModel.MetricRow::model).contains("rnn-v1", "lstm");
        assertThat(vm.details()).anySatisfy(d -> {
            assertThat(d.property()).isEqualTo("Decoder");
            assertThat(d.compare()).startsWith("LSTM, embedding 256, hidden 512");
        });

        compare.set(null);
        assertThat(vm.curves(Chart.QUALITY)).hasSize(2);
        assertThat(vm.metrics()).extracting(ModelReportViewModel.MetricRow::model).containsOnly("rnn-v1");
    }

    @Test
    void aBundleWithoutLogOrWithABrokenOneSaysWhichFileAndWhy() throws IOException {
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Files.copy(Path.of("models", "rnn-v1", "manifest.json"), bare.resolve("manifest.json"));
        main.set(new ModelInfo("bare", bare, "mobilenet-v2", "rnn", 2539, ""));
        assertThat(vm.statusProperty().get()).startsWith("'bare': no training log.").contains("has no training-log.csv");
        assertThat(vm.curves(Chart.LOSS)).isEmpty();
        assertThat(vm.metrics()).isNotEmpty(); // the manifest still counts

        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("training-log.csv"), "epoch,train_loss\n1,2.5\n");
        main.set(new ModelInfo("broken", broken, "mobilenet-v2", "rnn", 10, ""));
        assertThat(vm.statusProperty().get())
                .contains("The bundle has no manifest.json.")
                .contains(broken.resolve("training-log.csv").toString())
                .contains("line 2: expected 10 fields, found 2");
        assertThat(vm.details()).anySatisfy(d -> assertThat(d.main()).isEqualTo("broken"));
    }

    /** A copy of the shipped RNN bundle's manifest and training log, plus an SCST log of two epochs. */
    private Path fineTuned(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(Path.of("models", "rnn-v1", "manifest.json"), dir.resolve("manifest.json"));
        Files.copy(Path.of("models", "rnn-v1", "training-log.csv"), dir.resolve("training-log.csv"));
        ScstLog.write(dir.resolve(ScstLog.FILE_NAME), List.of(
                new ScstEpochStats(0, Double.NaN, Double.NaN, 0.159, 0.388, 0.86, 294, 0.0, 40),
                new ScstEpochStats(1, 0.208, 0.1, 0.116, 0.328, 0.78, 316, 0.01, 396),
                new ScstEpochStats(2, 0.204, 0.05, 0.110, 0.314, 0.61, 226, 0.02, 435)));
        return dir;
    }

    @Test
    void aPlainBundleHasNoScstPhaseAndItsChartsAreTheFourOfTheTrainingLog() {
        main.set(RNN);
        assertThat(vm.hasScstProperty().get()).isFalse();
        assertThat(vm.phaseProperty().get()).isEqualTo(Chart.Phase.CE);
        assertThat(vm.charts()).containsExactly(Chart.LOSS, Chart.QUALITY, Chart.GRADIENT, Chart.SPECTRAL_RADIUS);
        for (Chart chart : Chart.of(Chart.Phase.SCST)) {
            assertThat(vm.curves(chart)).as("%s", chart).isEmpty();
        }
    }

    @Test
    void aFineTunedBundleShowsItsScstCurvesFirstAndItsTrainingLogOnRequest() throws IOException {
        main.set(new ModelInfo("mine-scst", fineTuned("mine-scst"), "mobilenet-v2", "rnn", 2539, ""));
        assertThat(vm.statusProperty().get()).isEqualTo("'mine-scst': 12 epochs logged, then 2 self-critical epochs.");
        assertThat(vm.hasScstProperty().get()).isTrue();
        assertThat(vm.phaseProperty().get()).isEqualTo(Chart.Phase.SCST);
        assertThat(vm.charts()).containsExactly(Chart.SCST_REWARD, Chart.SCST_QUALITY, Chart.SCST_DISTINCT,
                Chart.SCST_WORDS);

        // Epoch 0 (the starting model) has no reward: the reward line starts at epoch 1.
        assertThat(vm.curves(Chart.SCST_REWARD)).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("mine-scst: mean reward");
            assertThat(c.points()).extracting(p -> p[0]).containsExactly(1.0, 2.0);
            assertThat(c.points().get(1)[1]).isEqualTo(0.204);
        });
        List<Curve> quality = vm.curves(Chart.SCST_QUALITY);
        assertThat(quality).extracting(Curve::label).containsExactly("mine-scst: dev BLEU-4", "mine-scst: dev CIDEr-D");
        assertThat(quality.get(1).points()).extracting(p -> p[1]).containsExactly(0.388, 0.328, 0.314);
        assertThat(vm.curves(Chart.SCST_DISTINCT)).extracting(Curve::label)
                .containsExactly("mine-scst: distinct", "mine-scst: degenerate");
        assertThat(vm.curves(Chart.SCST_DISTINCT).get(0).points()).extracting(p -> p[1]).containsExactly(0.86, 0.78, 0.61);
        assertThat(vm.curves(Chart.SCST_WORDS).get(0).points()).extracting(p -> p[1]).containsExactly(294.0, 316.0, 226.0);
        // The CE phase's curves are still there (the copied training log).
        assertThat(vm.curves(Chart.LOSS)).hasSize(2);

        vm.phaseProperty().set(Chart.Phase.CE);
        assertThat(vm.charts()).containsExactly(Chart.LOSS, Chart.QUALITY, Chart.GRADIENT, Chart.SPECTRAL_RADIUS);
    }

    @Test
    void aFineTunedComparisonModelAddsDashedScstCurvesAndThePhaseGoesBackWhenItCloses() throws IOException {
        main.set(RNN);
        compare.set(new ModelInfo("scst", fineTuned("scst"), "mobilenet-v2", "rnn", 2539, ""));
        assertThat(vm.statusProperty().get())
                .isEqualTo("'rnn-v1': 12 epochs logged; compared with 'scst' (12 epochs, then 2 self-critical epochs).");
        assertThat(vm.hasScstProperty().get()).isTrue();
        assertThat(vm.phaseProperty().get()).as("the main model's phase stays").isEqualTo(Chart.Phase.CE);
        vm.phaseProperty().set(Chart.Phase.SCST);
        assertThat(vm.curves(Chart.SCST_QUALITY)).extracting(Curve::main).containsExactly(false, false);

        compare.set(null);
        assertThat(vm.hasScstProperty().get()).isFalse();
        assertThat(vm.phaseProperty().get()).isEqualTo(Chart.Phase.CE);
    }

    @Test
    void aDamagedScstLogIsReportedAndTheTrainingCurvesStillShow() throws IOException {
        Path dir = fineTuned("damaged");
        Files.writeString(dir.resolve(ScstLog.FILE_NAME), "epoch,mean_reward\n1,0.2\n");
        main.set(new ModelInfo("damaged", dir, "mobilenet-v2", "rnn", 2539, ""));
        assertThat(vm.statusProperty().get()).startsWith("'damaged': 12 epochs logged.")
                .contains(dir.resolve(ScstLog.FILE_NAME).toString()).contains("has no column 'degenerate_samples'");
        assertThat(vm.hasScstProperty().get()).isFalse();
        assertThat(vm.curves(Chart.LOSS)).hasSize(2);
    }
}
