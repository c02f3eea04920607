package org.captionlab.gui.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.captionlab.eval.Metric;
import org.captionlab.gui.Tips;

/**
 * The Model view of {@link ModelReportViewModel}: provenance and recorded runs in two tables, and the four
 * training curves as line charts; the comparison model's lines are dashed. For a model fine-tuned with
 * self-critical training a selector beside the status line swaps the four charts for the SCST phase's four.
 *
 * <p>The view fits the window rather than scrolling: the tables (which scroll themselves) above, the four
 * charts in a 2×2 grid below, a divider between them, so that every chart's title, axes with their labels
 * and legend are on screen together (at 1280×800 and larger). Only a window shorter than
 * {@link #MIN_HEIGHT} scrolls.
 */
public final class ModelReportView {

    /** Below this height the view scrolls rather than squeezing the charts further. */
    static final double MIN_HEIGHT = 520;
    /** Share of the height the tables get at first (the divider moves it). */
    static final double TABLES_SHARE = 0.3;

    private final ModelReportViewModel vm;
    private final Map<Chart, LineChart<Number, Number>> charts = new EnumMap<>(Chart.class);
    private final VBox root = new VBox(10);
    private final GridPane grid;

    public ModelReportView(ModelReportViewModel vm) {
        this.vm = vm;
        root.setId("model-report");
        root.getStyleClass().add("model-report");
        root.setPadding(new Insets(10));

        Label status = new Label();
        status.setId("model-report-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        HBox tables = new HBox(10, detailsTable(), metricsTable());
        tables.setMinHeight(110);
        HBox.setHgrow(tables.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(tables.getChildren().get(1), Priority.ALWAYS);
        for (Node table : tables.getChildren()) {
            ((Region) table).setMinHeight(0);
            ((Region) table).setPrefHeight(200);
        }

        grid = new GridPane();
        grid.setId("model-charts");
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setPadding(new Insets(6, 0, 0, 0));
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().setAll(half, half);
        RowConstraints row = new RowConstraints();
        row.setPercentHeight(50);
        row.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().setAll(row, row);
        for (Chart chart : Chart.values()) {
            charts.put(chart, chart(chart));
        }
        showPhase(vm.phaseProperty().get());
        grid.setMinHeight(2 * CHART_MIN_HEIGHT + 12);

        SplitPane split = new SplitPane(tables, grid);
        split.setId("model-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(TABLES_SHARE);
        SplitPane.setResizableWithParent(tables, false);
        VBox.setVgrow(split, Priority.ALWAYS);
        HBox top = new HBox(10, status, phaseSelector());
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        root.getChildren().addAll(top, split);
        root.setMinHeight(MIN_HEIGHT);
        vm.mainProperty().addListener((obs, o, n) -> redraw());
        vm.compareProperty().addListener((obs, o, n) -> redraw());
        vm.phaseProperty().addListener((obs, o, n) -> showPhase(n));
        redraw();
    }

    /**
     * Chooses between the cross-entropy and the self-critical phase's charts; shown only while a model has an SCST
     * log, so that a plain bundle's view looks as it always did.
     */
    private Node phaseSelector() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.setId("model-phase");
        box.getStyleClass().add("model-phase");
        for (Chart.Phase p : Chart.Phase.values()) {
            ToggleButton b = new ToggleButton(p.label());
            b.setId("phase-" + p.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(p);
            b.setMinWidth(Region.USE_PREF_SIZE);
            box.getChildren().add(b);
        }
        selectToggle(group, vm.phaseProperty().get());
        vm.phaseProperty().addListener((obs, o, n) -> selectToggle(group, n));
        group.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null) {
                o.setSelected(true); // one phase is always shown: clicking the chosen one again keeps it
            } else {
                vm.phaseProperty().set((Chart.Phase) n.getUserData());
            }
        });
        box.visibleProperty().bind(vm.hasScstProperty());
        box.managedProperty().bind(vm.hasScstProperty());
        return box;
    }

    private static void selectToggle(ToggleGroup group, Chart.Phase phase) {
        group.getToggles().stream().filter(t -> t.getUserData() == phase).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    /** Puts the phase's four charts in the 2×2 grid (the other phase's charts keep their lines, off screen). */
    private void showPhase(Chart.Phase phase) {
        grid.getChildren().clear();
        int i = 0;
        for (Chart chart : Chart.of(phase)) {
            grid.add(charts.get(chart), i % 2, i / 2);
            i++;
        }
    }

    /** The view's node: fills the window; inside a scroll pane, so a very short window can still reach the charts. */
    public Node node() {
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("model-report-scroll");
        return scroll;
    }

    private Node detailsTable() {
        TableView<ModelReportViewModel.DetailRow> table = new TableView<>(vm.details());
        table.setId("model-details");
        table.setTooltip(new Tooltip("How the model (and the comparison model) was made, from the bundles' manifests"));
        table.setPlaceholder(new Label("No model is loaded"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ModelReportViewModel.DetailRow, String> property = column("", ModelReportViewModel.DetailRow::property);
        property.setPrefWidth(120);
        property.setMaxWidth(160);
        TableColumn<ModelReportViewModel.DetailRow, String> main = column("Model", ModelReportViewModel.DetailRow::main);
        main.setPrefWidth(260);
        TableColumn<ModelReportViewModel.DetailRow, String> compare = column("Comparison", ModelReportViewModel.DetailRow::compare);
        compare.setPrefWidth(260);
        compare.visibleProperty().bind(vm.compareProperty().isNotNull());
        table.getColumns().setAll(List.of(property, main, compare));
        return table;
    }

    private Node metricsTable() {
        TableView<ModelReportViewModel.MetricRow> table = new TableView<>(vm.metrics());
        table.setId("model-metrics");
        table.setTooltip(new Tooltip("Every evaluation recorded in the manifests ('evaluate --record RUN'); "
                + "val-greedy is the best epoch's validation during training"));
        table.setPlaceholder(new Label("No evaluation recorded"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Model", ModelReportViewModel.MetricRow::model));
        table.getColumns().add(column("Run", ModelReportViewModel.MetricRow::run));
        table.getColumns().add(column("Images", r -> r.images() > 0 ? String.valueOf(r.images()) : "–"));
        for (Metric m : Metric.values()) {
            TableColumn<ModelReportViewModel.MetricRow, String> c = column(m.label(), r -> r.score(m));
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            table.getColumns().add(c);
        }
        return table;
    }

    private static <R> TableColumn<R, String> column(String title, java.util.function.Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        // Long values (command line, data set) are cut to the column; hovering shows them whole.
        c.setCellFactory(col -> Tips.textCell(tip -> {
            tip.setWrapText(true);
            tip.setMaxWidth(600);
        }));
        return c;
    }

    /** The smallest a chart gets (title, legend, axes and some plot) before the view scrolls. */
    static final double CHART_MIN_HEIGHT = 170;

    private static LineChart<Number, Number> chart(Chart chart) {
        NumberAxis x = new NumberAxis();
        x.setLabel(chart.phase().axis());
        x.setForceZeroInRange(false);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        // Epochs are whole numbers; with only a few (an SCST run of two epochs) the axis would label 0.25, 0.5, …
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? String.valueOf((long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel(chart.unit());
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId("chart-" + chart.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        c.setTitle(chart.title());
        c.setAnimated(false);
        c.setCreateSymbols(true);
        // Beside the plot rather than under it: a chart hides a legend under it when that would leave the plot
        // less than 150 px, which is what four charts and the tables get in a 1280×800 window.
        c.setLegendSide(Side.RIGHT);
        c.setMinSize(0, CHART_MIN_HEIGHT);
        c.setPrefHeight(240);
        c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return c;
    }

    /**
     * The comparison model's line is dashed by an inline style: the chart re-sets its lines' style classes
     * (series index, default colour) whenever a series is added, which would drop a class of ours.
     */
    static final String COMPARE_STYLE = "-fx-stroke-dash-array: 6 4;";

    private void redraw() {
        for (Chart chart : Chart.values()) {
            LineChart<Number, Number> c = charts.get(chart);
            List<XYChart.Series<Number, Number>> all = new ArrayList<>();
            List<XYChart.Series<Number, Number>> dashed = new ArrayList<>();
            for (Curve curve : vm.curves(chart)) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(curve.label());
                for (double[] p : curve.points()) {
                    series.getData().add(new XYChart.Data<>(p[0], p[1]));
                }
                all.add(series);
                if (!curve.main()) {
                    dashed.add(series);
                    series.nodeProperty().addListener((obs, old, node) -> dash(node));
                }
            }
            c.getData().setAll(all);
            dashed.forEach(series -> dash(series.getNode()));
        }
    }

    private static void dash(Node node) {
        if (node != null) {
            node.setStyle(COMPARE_STYLE);
        }
    }
}
