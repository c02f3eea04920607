package org.captionlab.gui.decoding;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.captionlab.search.Strategy;

/**
 * The decoding controls. Every change goes straight to the {@link DecodingViewModel}, which re-decodes
 * the selected photo from its cached feature.
 */
public final class DecodingView {

    private final DecodingViewModel vm;
    private final VBox box = new VBox(12);
    /*
     * Bidirectional bindings hold their ends weakly, and asObject() makes a new adapter: keep them here
     * or they are collected and the spinner silently stops driving the view model.
     */
    private final ObjectProperty<Integer> beamWidth;
    private final ObjectProperty<Integer> alternatives;
    private final ObjectProperty<Integer> maxLength;
    private final ObjectProperty<Integer> blockRepeat;
    private final ObjectProperty<Double> alpha;
    private final ObjectProperty<Double> temperature;
    private final ObjectProperty<Double> guideThreshold;

    public DecodingView(DecodingViewModel vm) {
        this.vm = vm;
        beamWidth = vm.beamWidthProperty().asObject();
        alternatives = vm.alternativesProperty().asObject();
        maxLength = vm.maxLengthProperty().asObject();
        blockRepeat = vm.blockRepeatNgramProperty().asObject();
        alpha = vm.lengthAlphaProperty().asObject();
        temperature = vm.temperatureProperty().asObject();
        guideThreshold = vm.guideThresholdProperty().asObject();

        Label title = new Label("Decoding");
        title.getStyleClass().addAll("panel-title", "flush");
        Label hint = new Label("Changes re-decode the selected photo from its cached features at once.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);

        ComboBox<Strategy> strategy = new ComboBox<>(FXCollections.observableArrayList(Strategy.values()));
        strategy.setId("strategy");
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(Strategy s) {
                return s == null ? "" : switch (s) {
                    case GREEDY -> "Greedy";
                    case BEAM -> "Beam search";
                    case SAMPLE -> "Sampling";
                };
            }

            @Override
            public Strategy fromString(String s) {
                return null;
            }
        });
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        strategy.setMaxWidth(Double.MAX_VALUE);
        tip(strategy, "Greedy: the most likely word at each step. Beam search: keep the best partial captions. "
                + "Sampling: draw words from the softmax at a temperature.");

        Spinner<Integer> width = intSpinner("beam-width", 1, DecodingViewModel.MAX_BEAM_WIDTH, beamWidth,
                "Beam width: how many partial captions beam search keeps at each step");
        width.disableProperty().bind(vm.beamSettingsApplyProperty().not());

        Spinner<Integer> alt = intSpinner("alternatives", 1, DecodingViewModel.MAX_ALTERNATIVES, alternatives,
                "How many captions to show: at most the beam width for beam search; samples drawn for sampling");
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) alt.getValueFactory()).maxProperty().bind(vm.maxAlternativesProperty());
        alt.disableProperty().bind(vm.alternativesApplyProperty().not());

        Spinner<Double> lengthAlpha = doubleSpinner("length-alpha", 0, DecodingViewModel.MAX_LENGTH_ALPHA, 0.1, alpha,
                "Length normalisation α: beam search ranks by log p / length^α (0 = none; higher favours longer captions)");
        lengthAlpha.disableProperty().bind(vm.beamSettingsApplyProperty().not());

        Spinner<Integer> max = intSpinner("max-length", 1, DecodingViewModel.MAX_LENGTH_LIMIT, maxLength,
                "Maximum number of words; a caption still open then is cut");
        Spinner<Integer> block = intSpinner("block-ngram", 0, DecodingViewModel.MAX_REPEAT_NGRAM, blockRepeat,
                "Forbid repeating any n-gram of this size (0 = off; 2 stops \"a dog a dog\")");

        Spinner<Double> temp = doubleSpinner("temperature", DecodingViewModel.MIN_TEMPERATURE,
                DecodingViewModel.MAX_TEMPERATURE, 0.1, temperature,
                "Sampling temperature: below 1 sharper (safer), above 1 flatter (more varied)");
        temp.disableProperty().bind(vm.samplingSettingsApplyProperty().not());

        TextField seed = new TextField();
        seed.setId("seed");
        UnaryOperator<TextFormatter.Change> digitsOnly = c -> c.getControlNewText().matches("-?\\d{0,18}") ? c : null;
        TextFormatter<Long> seedFormat = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "0" : Long.toString(v);
            }

            @Override
            public Long fromString(String s) {
                return s == null || s.isBlank() || s.equals("-") ? 0L : Long.parseLong(s);
            }
        }, vm.seedProperty().get(), digitsOnly);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((obs, o, n) -> vm.seedProperty().set(n == null ? 0 : n));
        vm.seedProperty().addListener((obs, o, n) -> seedFormat.setValue(n.longValue()));
        tip(seed, "Random seed for sampling: the same seed gives the same samples (Enter to apply)");
        Button dice = new Button("New");
        dice.getStyleClass().add("small-button");
        tip(dice, "Pick a new random seed");
        dice.setMinWidth(Control.USE_PREF_SIZE);
        dice.setOnAction(e -> vm.seedProperty().set(ThreadLocalRandom.current().nextLong(1, 1_000_000)));
        HBox.setHgrow(seed, Priority.ALWAYS);
        HBox seedBox = new HBox(6, seed, dice);
        seedBox.setAlignment(Pos.CENTER_LEFT);
        seedBox.disableProperty().bind(vm.samplingSettingsApplyProperty().not());

        CheckBox guide = new CheckBox("Name what the labels see");
        guide.setId("guide-labels");
        guide.selectedProperty().bindBidirectional(vm.guideEnabledProperty());
        tip(guide, "Label guidance: when the encoder's ImageNet labels are confident (tabby, tiger cat → cat), "
                + "only captions that name the thing are kept (constrained beam search); words the decoder never "
                + "learned (parrot, owl, espresso) borrow a related word's weights");
        Spinner<Double> threshold = doubleSpinner("guide-threshold", DecodingViewModel.MIN_GUIDE_THRESHOLD, 1.0, 0.05,
                guideThreshold, "How confident the labels naming one thing must be together to guide the caption");
        threshold.disableProperty().bind(vm.guideEnabledProperty().not());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        // A fixed label column: "Label confidence" wraps onto two lines rather than taking the width that
        // "Beam search" needs in the combo box beside it (the panel is about 270 px wide at 1280×800).
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, controls);
        int r = 0;
        grid.addRow(r++, label("Strategy", strategy), strategy);
        grid.addRow(r++, label("Beam width", width), width);
        grid.addRow(r++, label("Alternatives", alt), alt);
        grid.addRow(r++, label("Length α", lengthAlpha), lengthAlpha);
        grid.addRow(r++, label("Max length", max), max);
        grid.addRow(r++, label("Block n-gram", block), block);
        grid.addRow(r++, label("Temperature", temp), temp);
        grid.addRow(r++, label("Seed", seedBox), seedBox);
        grid.add(guide, 0, r++, 2, 1);
        grid.addRow(r, label("Label confidence", threshold), threshold);

        Button reset = new Button("Reset to model's defaults");
        reset.setId("reset-decoding");
        tip(reset, "The decoding the loaded model recommends (chosen on its validation split); forgets a remembered preference");
        reset.setOnAction(e -> vm.reset());
        javafx.scene.control.CheckBox remember = new javafx.scene.control.CheckBox("Remember these settings");
        remember.setId("remember-decoding");
        remember.selectedProperty().bindBidirectional(vm.rememberedProperty());
        tip(remember, "Keep these settings for later sessions and every model; unticked, each model is decoded as it recommends");

        box.getChildren().addAll(title, hint, grid, remember, reset);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("decoding-panel");
    }

    /** Width of the label column: the longest one-line label ("Block n-gram", "Temperature") fits. */
    private static final double LABEL_WIDTH = 92;

    public Node node() {
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("panel-scroll");
        scroll.setMinWidth(230);
        scroll.setPrefWidth(270);
        scroll.setMaxWidth(360);
        return scroll;
    }

    private static Label label(String text, Node control) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(LABEL_WIDTH);
        l.setLabelFor(control);
        l.disableProperty().bind(control.disableProperty());
        return l;
    }

    private static void tip(Control c, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(320);
        c.setTooltip(t);
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, ObjectProperty<Integer> value, String tooltip) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : Integer.toString(v);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    return value.get(); // keep the old value; the spinner shows it again
                }
            }
        });
        return spinner(id, f, value, tooltip);
    }

    private static Spinner<Double> doubleSpinner(String id, double min, double max, double step,
                                                 ObjectProperty<Double> value, String tooltip) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, min, step);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.parseDouble(s.trim().replace(',', '.'));
                } catch (NumberFormatException e) {
                    return value.get(); // keep the old value; the spinner shows it again
                }
            }
        });
        return spinner(id, f, value, tooltip);
    }

    private static <T> Spinner<T> spinner(String id, SpinnerValueFactory<T> factory, ObjectProperty<T> value, String tooltip) {
        factory.setValue(value.get());
        factory.valueProperty().bindBidirectional(value);
        Spinner<T> s = new Spinner<>(factory);
        s.setId(id);
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.setPrefWidth(110);
        tip(s, tooltip);
        return s;
    }
}
