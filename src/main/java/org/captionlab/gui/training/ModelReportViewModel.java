package org.captionlab.gui.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.service.ModelReport;
import org.captionlab.eval.Metric;
import org.captionlab.gui.Formats;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.model.Manifest;
import org.captionlab.service.ModelInfo;

/**
 * The Model view: how the loaded model (and the comparison model, when one is open) was made and how its
 * training went — provenance from the manifest, every recorded evaluation run, and the training log's
 * curves (loss, validation BLEU-4 / CIDEr-D, gradient norm before clipping, spectral radius of Whh) side by
 * side, so that an exploding gradient or an over-trained epoch is visible next to the failures it causes. A
 * bundle fine-tuned with self-critical training also has its SCST phase's curves (mean reward, greedy dev
 * BLEU-4 / CIDEr-D, share of distinct and of degenerate captions, words used); {@link #phaseProperty} chooses
 * which phase is plotted.
 *
 * <p>Bundles are read in the background whenever either model changes; a late answer for a model that
 * is no longer loaded is dropped.
 */
public final class ModelReportViewModel {

    /** One recorded evaluation run of a model (a manifest "metrics" entry). */
    public record MetricRow(String model, String run, int images, Map<String, Double> scores) {

        /** The score as shown, three decimals; "–" when the run did not record it. */
        public String score(Metric metric) {
            Double v = scores.get(metric.label());
            return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /** One property of the models, main and comparison side by side. */
    public record DetailRow(String property, String main, String compare) {
    }

    private final TaskExecutor executor;
    private final ObjectProperty<ModelReport> main = new SimpleObjectProperty<>(this, "main");
    private final ObjectProperty<ModelReport> compare = new SimpleObjectProperty<>(this, "compare");
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<DetailRow> details = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "No model is loaded.");
    private final ReadOnlyBooleanWrapper hasScst = new ReadOnlyBooleanWrapper(this, "hasScst", false);
    private final ObjectProperty<Chart.Phase> phase = new SimpleObjectProperty<>(this, "phase", Chart.Phase.CE);

    /**
     * @param mainModel    the loaded model
     * @param compareModel the comparison model (null while none)
     * @param executor     runs the file reading off the UI thread
     */
    public ModelReportViewModel(ReadOnlyObjectProperty<ModelInfo> mainModel, ReadOnlyObjectProperty<ModelInfo> compareModel,
                                TaskExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        mainModel.addListener((obs, old, now) -> load(now, mainModel, main));
        compareModel.addListener((obs, old, now) -> load(now, compareModel, compare));
        main.addListener((obs, old, now) -> {
            // Before refresh(): the view redraws on the report, and should then draw the phase it will show.
            phase.set(now != null && !now.scstEpochs().isEmpty() ? Chart.Phase.SCST : Chart.Phase.CE);
            refresh();
        });
        compare.addListener((obs, old, now) -> refresh());
        load(mainModel.get(), mainModel, main);
        load(compareModel.get(), compareModel, compare);
    }

    private void load(ModelInfo info, ReadOnlyObjectProperty<ModelInfo> source, ObjectProperty<ModelReport> target) {
        if (info == null || info.directory() == null) {
            target.set(null);
            return;
        }
        String name = info.name();
        Path dir = info.directory();
        executor.execute(BackgroundTask.of("read model report " + dir, () -> ModelReport.read(name, dir))
                .onSucceeded(report -> {
                    if (source.get() == info) {
                        target.set(report);
                    }
                }));
    }

    /** The main model's report (null before it is read or while no model is loaded). */
    public ReadOnlyObjectProperty<ModelReport> mainProperty() {
        return main;
    }

    /** The comparison model's report (null while none is open). */
    public ReadOnlyObjectProperty<ModelReport> compareProperty() {
        return compare;
    }

    /** Every recorded evaluation run, main model first. */
    public ObservableList<MetricRow> metrics() {
        return FXCollections.unmodifiableObservableList(metrics);
    }

    /** Architecture, data, command line and timing, main and comparison model side by side. */
    public ObservableList<DetailRow> details() {
        return FXCollections.unmodifiableObservableList(details);
    }

    /** What is shown, and what could not be read. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The lines of one chart: each column of the chart for the main model, then for the comparison model. */
    public List<Curve> curves(Chart chart) {
        List<Curve> out = new ArrayList<>();
        for (ModelReport r : reports()) {
            boolean isMain = r == main.get();
            for (Chart.Column column : chart.columns()) {
                List<double[]> points = column.points().apply(r);
                if (!points.isEmpty()) {
                    out.add(new Curve(r.name() + ": " + column.label(), r.name(), isMain, points));
                }
            }
        }
        return out;
    }

    /** True while the main or the comparison model has a self-critical fine-tuning log (the phase can be chosen). */
    public ReadOnlyBooleanProperty hasScstProperty() {
        return hasScst.getReadOnlyProperty();
    }

    /**
     * Whose charts are shown: the cross-entropy phase's or the self-critical phase's. A newly loaded main model
     * that was fine-tuned shows its SCST phase first (that is what it adds); without any SCST log it is always
     * the cross-entropy phase.
     */
    public ObjectProperty<Chart.Phase> phaseProperty() {
        return phase;
    }

    /** The charts of the chosen phase, in the grid's order. */
    public List<Chart> charts() {
        return Chart.of(phase.get());
    }

    private List<ModelReport> reports() {
        List<ModelReport> out = new ArrayList<>(2);
        if (main.get() != null) {
            out.add(main.get());
        }
        if (compare.get() != null) {
            out.add(compare.get());
        }
        return out;
    }

    private void refresh() {
        List<MetricRow> rows = new ArrayList<>();
        for (ModelReport r : reports()) {
            if (r.manifest() == null) {
                continue;
            }
            r.manifest().metrics().forEach((run, scores) -> rows.add(new MetricRow(r.name(), run,
                    scores.containsKey("images") ? scores.get("images").intValue() : 0, scores)));
        }
        metrics.setAll(rows);
        details.setAll(detailRows(main.get(), compare.get()));
        status.set(statusText());
        boolean scst = reports().stream().anyMatch(r -> !r.scstEpochs().isEmpty());
        hasScst.set(scst);
        if (!scst) {
            phase.set(Chart.Phase.CE);
        }
    }

    private String statusText() {
        ModelReport m = main.get();
        if (m == null) {
            return "No model is loaded.";
        }
        StringBuilder s = new StringBuilder("'" + m.name() + "'");
        s.append(m.epochs().isEmpty() ? ": no training log" : ": " + Formats.count(m.epochs().size()) + " epochs logged");
        s.append(scstText(m, ", then "));
        ModelReport c = compare.get();
        if (c != null) {
            s.append("; compared with '").append(c.name()).append("'")
                    .append(c.epochs().isEmpty() ? " (no training log" : " (" + Formats.count(c.epochs().size()) + " epochs")
                    .append(scstText(c, ", then ")).append(')');
        }
        s.append('.');
        for (ModelReport r : reports()) {
            for (String p : r.problems()) {
                s.append(' ').append(r.name()).append(": ").append(p);
            }
        }
        return s.toString();
    }

    /** "{@code prefix}N self-critical epochs" for a fine-tuned bundle (row 0 is the starting model), else "". */
    private static String scstText(ModelReport r, String prefix) {
        long n = r.scstEpochs().stream().filter(e -> e.epoch() > 0).count();
        return r.scstEpochs().isEmpty() ? "" : prefix + Formats.count(n) + " self-critical epoch" + (n == 1 ? "" : "s");
    }

    private static List<DetailRow> detailRows(ModelReport main, ModelReport compare) {
        if (main == null) {
            return List.of();
        }
        List<DetailRow> rows = new ArrayList<>();
        row(rows, "Model", main, compare, r -> r.name());
        row(rows, "Folder", main, compare, r -> r.directory().toString());
        row(rows, "Decoder", main, compare, r -> with(r, m -> m.decoder().cell().id().toUpperCase(Locale.ROOT)
                + ", embedding " + m.decoder().embeddingSize() + ", hidden " + m.decoder().hiddenSize()
                + ", dropout " + m.decoder().dropout()));
        row(rows, "Vocabulary", main, compare, r -> with(r, m -> Formats.count(m.decoder().vocabSize()) + " words"));
        row(rows, "Encoder", main, compare, r -> with(r, m -> m.encoder().id() + " (" + m.encoder().featureDim() + "-d)"));
        row(rows, "Training data", main, compare, r -> with(r, m -> m.training() == null ? "–" : m.training().dataset()
                + (m.training().trainImages() == null ? "" : ", " + Formats.count(m.training().trainImages()) + " images")
                + (m.training().trainCaptions() == null ? "" : ", " + Formats.count(m.training().trainCaptions()) + " captions")));
        row(rows, "Validation split", main, compare, r -> with(r, m -> m.training() == null || m.training().valSplit() == null
                ? "–" : m.training().valSplit()));
        row(rows, "Epochs (best)", main, compare, r -> with(r, m -> m.training() == null || m.training().epochs() == null ? "–"
                : m.training().epochs() + (m.training().bestEpoch() == null ? "" : " (best " + m.training().bestEpoch() + ")")));
        row(rows, "Training time", main, compare, r -> with(r, m -> m.training() == null || m.training().durationSeconds() == null
                ? "–" : Formats.duration(Duration.ofMillis(Math.round(m.training().durationSeconds() * 1000)))
                + " (" + Formats.count(Math.round(m.training().durationSeconds())) + " s)"));
        row(rows, "Seed", main, compare, r -> with(r, m -> m.training() == null || m.training().seed() == null
                ? "–" : String.valueOf(m.training().seed())));
        row(rows, "Default decoding", main, compare, r -> with(r, m -> m.decoding() == null ? "–"
                : "beam " + m.decoding().beamWidth() + ", length α " + m.decoding().lengthAlpha()
                + (m.decoding().blockRepeatNgram() > 0 ? ", " + m.decoding().blockRepeatNgram() + "-grams blocked" : "")
                + ", at most " + m.decoding().maxLength() + " words"));
        row(rows, "Command line", main, compare, r -> with(r, m -> m.training() == null || m.training().commandLine() == null
                ? "–" : m.training().commandLine()));
        row(rows, "Created", main, compare, r -> with(r, m -> m.createdAt() == null ? "–" : m.createdAt().toString()));
        return rows;
    }

    private static void row(List<DetailRow> rows, String property, ModelReport main, ModelReport compare,
                            Function<ModelReport, String> value) {
        rows.add(new DetailRow(property, value.apply(main), compare == null ? "" : value.apply(compare)));
    }

    private static String with(ModelReport r, Function<Manifest, String> value) {
        return r.manifest() == null ? "–" : value.apply(r.manifest());
    }
}
