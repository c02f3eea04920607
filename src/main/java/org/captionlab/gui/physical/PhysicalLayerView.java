package org.captionlab.gui.physical;

import java.awt.image.BufferedImage;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.captionlab.imaging.ImagingParameters;

/**
 * The "Physical layer" view: sliders for the simulated camera's knobs, the photo and its degraded copy
 * side by side, the degraded photo's caption, alternatives and labels, and "sweep this parameter".
 * Binds to a {@link PhysicalLayerViewModel}; slider moves reach it after a {@value #DEBOUNCE_MS} ms pause.
 */
public final class PhysicalLayerView {

    /** Quiet time after the last slider move before the model is asked. */
    static final int DEBOUNCE_MS = 150;
    static final int IMAGE_SIZE = 224;
    private static final int SLIDER_STEPS = 1000;

    private final PhysicalLayerViewModel vm;
    private final VBox root = new VBox(10);

    public PhysicalLayerView(PhysicalLayerViewModel vm) {
        this.vm = vm;
        root.setId("physical-layer");
        root.setPadding(new Insets(12));

        GridPane sliders = new GridPane();
        sliders.setHgap(8);
        sliders.setVgap(4);
        int row = 0;
        for (String name : PhysicalLayerViewModel.SLIDERS) {
            ImagingParameters.Knob k = ImagingParameters.require(name);
            Slider slider = new Slider(0, SLIDER_STEPS, position(k, vm.knob(name).get()));
            slider.setId("slider-" + name.replace('.', '-'));
            slider.setPrefWidth(220);
            Label value = new Label();
            value.setMinWidth(60);
            value.setText(format(k, vm.knob(name).get()));
            PauseTransition debounce = new PauseTransition(Duration.millis(DEBOUNCE_MS));
            debounce.setOnFinished(e -> vm.knob(name).set(value(k, slider.getValue())));
            slider.valueProperty().addListener((obs, o, n) -> {
                value.setText(format(k, value(k, n.doubleValue())));
                debounce.playFromStart();
            });
            vm.knob(name).addListener((obs, o, n) -> {
                if (Math.abs(value(k, slider.getValue()) - n.doubleValue()) > 1e-9 * Math.max(1, Math.abs(n.doubleValue()))) {
                    slider.setValue(position(k, n.doubleValue()));
                }
            });
            sliders.addRow(row++, new Label(k.label()), slider, value);
        }
        Button reset = new Button("Ideal camera");
        reset.setId("physical-reset");
        reset.setOnAction(e -> vm.reset());
        sliders.add(reset, 1, row);

        ImageView original = imageView(vm.originalProperty());
        ImageView degraded = imageView(vm.degradedProperty());
        degraded.setId("physical-degraded");
        VBox left = new VBox(4, new Label("Photo (ideal camera)"), original, wrapped(vm.cleanCaptionProperty(), "physical-clean-caption"));
        VBox right = new VBox(4, new Label("Through the camera"), degraded, wrapped(vm.captionProperty(), "physical-caption"));
        left.setPrefWidth(IMAGE_SIZE + 8);
        right.setPrefWidth(IMAGE_SIZE + 8);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(24, 24);
        busy.visibleProperty().bind(vm.busyProperty());
        HBox images = new HBox(12, left, right, busy);

        ListView<String> alternatives = new ListView<>(vm.alternatives());
        alternatives.setId("physical-alternatives");
        alternatives.setPrefHeight(90);
        ListView<String> labels = new ListView<>(vm.labels());
        labels.setId("physical-labels");
        labels.setPrefHeight(90);
        HBox lists = new HBox(12, titled("Alternatives (log-prob)", alternatives), titled("Encoder labels", labels));
        HBox.setHgrow(lists.getChildren().get(0), Priority.ALWAYS);

        ComboBox<String> sweepKnob = new ComboBox<>();
        sweepKnob.getItems().setAll(PhysicalLayerViewModel.SLIDERS);
        sweepKnob.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : ImagingParameters.require(name).label();
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        sweepKnob.valueProperty().bindBidirectional(vm.sweepKnobProperty());
        Button sweep = new Button("Sweep this parameter");
        sweep.setId("physical-sweep");
        sweep.disableProperty().bind(vm.sweepingProperty().or(vm.photoProperty().isNull()));
        sweep.setOnAction(e -> vm.sweepSelected());
        LineChart<Number, Number> chart = sweepChart();
        Label status = new Label();
        status.setId("physical-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        VBox controls = new VBox(10, sliders, new HBox(8, sweepKnob, sweep), chart);
        VBox results = new VBox(10, images, lists, status);
        HBox.setHgrow(results, Priority.ALWAYS);
        HBox body = new HBox(16, controls, results);
        root.getChildren().add(body);
    }

    /** The root node. */
    public Node node() {
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.setId("physical-scroll");
        return scroll;
    }

    private LineChart<Number, Number> sweepChart() {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        y.setLabel("log-prob / words kept ×10");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("physical-sweep-chart");
        chart.setAnimated(false);
        chart.setPrefSize(380, 220);
        chart.setCreateSymbols(true);
        XYChart.Series<Number, Number> logp = new XYChart.Series<>();
        logp.setName("caption log-prob");
        XYChart.Series<Number, Number> kept = new XYChart.Series<>();
        kept.setName("clean caption's words kept (×10)");
        chart.getData().add(logp);
        chart.getData().add(kept);
        vm.sweep().addListener((ListChangeListener<PhysicalLayerViewModel.SweepPoint>) c -> {
            logp.getData().clear();
            kept.getData().clear();
            for (PhysicalLayerViewModel.SweepPoint p : vm.sweep()) {
                logp.getData().add(new XYChart.Data<>(p.value(), p.logProb()));
                kept.getData().add(new XYChart.Data<>(p.value(), 10 * p.nounsKept()));
            }
            String knob = vm.sweepKnobProperty().get();
            x.setLabel(knob == null ? "" : ImagingParameters.require(knob).label());
        });
        return chart;
    }

    private static ImageView imageView(ObservableValue<BufferedImage> image) {
        ImageView view = new ImageView();
        view.setFitWidth(IMAGE_SIZE);
        view.setFitHeight(IMAGE_SIZE);
        view.setPreserveRatio(true);
        image.addListener((obs, o, n) -> view.setImage(n == null ? null : SwingFXUtils.toFXImage(n, null)));
        return view;
    }

    private static Label wrapped(ObservableValue<String> text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(IMAGE_SIZE);
        l.setStyle("-fx-font-weight: bold;");
        l.textProperty().bind(text);
        return l;
    }

    private static VBox titled(String title, Node content) {
        VBox box = new VBox(4, new Label(title), content);
        box.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    /** Slider position (0..SLIDER_STEPS) of a knob value; log knobs are logarithmic. */
    static double position(ImagingParameters.Knob k, double v) {
        double t = k.logScale() ? (Math.log(v) - Math.log(k.min())) / (Math.log(k.max()) - Math.log(k.min()))
                : (v - k.min()) / (k.max() - k.min());
        return SLIDER_STEPS * Math.max(0, Math.min(1, t));
    }

    /** Knob value of a slider position. */
    static double value(ImagingParameters.Knob k, double position) {
        double t = position / SLIDER_STEPS;
        double v = k.logScale() ? Math.exp(Math.log(k.min()) + t * (Math.log(k.max()) - Math.log(k.min())))
                : k.min() + t * (k.max() - k.min());
        if (k.integer()) {
            return Math.rint(v);
        }
        return Math.round(v * 100) / 100.0;
    }

    private static String format(ImagingParameters.Knob k, double v) {
        return k.integer() || v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
