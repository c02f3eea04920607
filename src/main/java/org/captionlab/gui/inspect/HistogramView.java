package org.captionlab.gui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.captionlab.gui.Formats;
import org.captionlab.gui.Tips;

/**
 * The histogram of per-photo scores: one bar per bin, a few score ticks below and the largest count at the
 * top left. Clicking a bar filters the photos to that bin; clicking it again shows all. Drawn with plain
 * regions (styled by base.css), so it follows the theme and each bar carries its own tooltip.
 */
public final class HistogramView extends Region {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    private static final double LEFT = 30;
    private static final double BOTTOM = 18;
    private static final double TOP = 6;

    private final InspectionViewModel vm;
    private final List<Region> columns = new ArrayList<>();
    private final List<Region> bars = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private final Label maxLabel = new Label();
    private final Region axis = new Region();
    private final Label none = new Label("Load references (File → Load references…) to see the spread of scores.");

    public HistogramView(InspectionViewModel vm) {
        this.vm = vm;
        getStyleClass().add("histogram");
        setId("histogram");
        setMinHeight(70);
        setPrefHeight(96);
        setPadding(new Insets(4, 8, 2, 4));
        maxLabel.getStyleClass().addAll("histogram-tick", "muted");
        axis.getStyleClass().add("histogram-axis");
        none.getStyleClass().add("muted");
        vm.histogramProperty().addListener((obs, o, n) -> rebuild());
        vm.selectedBinProperty().addListener((obs, o, n) -> updateSelection());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        columns.clear();
        bars.clear();
        ticks.clear();
        Histogram h = vm.histogramProperty().get();
        if (h == null) {
            getChildren().add(none);
            requestLayout();
            return;
        }
        String metric = h.metric().label();
        for (int i = 0; i < h.bins(); i++) {
            int bin = i;
            Region column = new Region();
            column.getStyleClass().add("histogram-bin");
            Region bar = new Region();
            bar.getStyleClass().add("histogram-bar");
            bar.setMouseTransparent(true);
            int count = h.count(i);
            bar.pseudoClassStateChanged(EMPTY, count == 0);
            Tips.lazy(column, () -> String.format(Locale.ROOT, "%s %.2f–%.2f: %s%s", metric, h.lower(bin), h.upper(bin),
                    Formats.photos(count), count > 0 ? "\nClick to show only these (click again to show all)" : ""),
                    tip -> tip.setShowDelay(Duration.millis(120)));
            column.setOnMouseClicked(e -> vm.toggleBin(bin));
            columns.add(column);
            bars.add(bar);
        }
        getChildren().addAll(columns);
        getChildren().addAll(bars);
        getChildren().add(axis);
        int every = Math.max(1, (int) Math.ceil(h.bins() / 5.0));
        for (int i = 0; i <= h.bins(); i += every) {
            Label tick = new Label(tickText(h.lower(i), h.step()));
            tick.getStyleClass().addAll("histogram-tick", "muted");
            tick.setUserData(i);
            ticks.add(tick);
        }
        getChildren().addAll(ticks);
        maxLabel.setText(Formats.count(h.maxCount()));
        maxLabel.setTooltip(new Tooltip("Photos in the fullest bin"));
        getChildren().add(maxLabel);
        updateSelection();
        requestLayout();
    }

    private static String tickText(double v, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%.0f", v)
                : step >= 0.1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private void updateSelection() {
        int selected = vm.selectedBinProperty().get();
        for (int i = 0; i < bars.size(); i++) {
            bars.get(i).pseudoClassStateChanged(SELECTED, i == selected);
            columns.get(i).pseudoClassStateChanged(SELECTED, i == selected);
        }
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x0 = in.getLeft() + LEFT;
        double y0 = in.getTop() + TOP;
        double w = Math.max(10, getWidth() - x0 - in.getRight());
        double h = Math.max(10, getHeight() - y0 - in.getBottom() - BOTTOM);
        Histogram hist = vm.histogramProperty().get();
        if (hist == null) {
            none.resizeRelocate(in.getLeft() + 8, y0, getWidth() - in.getLeft() - in.getRight() - 16, h);
            return;
        }
        double bw = w / hist.bins();
        int max = Math.max(1, hist.maxCount());
        for (int i = 0; i < bars.size(); i++) {
            double x = x0 + i * bw;
            columns.get(i).resizeRelocate(x, y0, bw, h);
            int count = hist.count(i);
            double bh = count == 0 ? 2 : Math.max(3, h * count / max);
            double gap = bw > 8 ? 1.5 : 0.5;
            bars.get(i).resizeRelocate(x + gap, y0 + h - bh, Math.max(1, bw - 2 * gap), bh);
        }
        axis.resizeRelocate(x0, y0 + h, w, 1);
        for (Label tick : ticks) {
            int i = (Integer) tick.getUserData();
            double tw = tick.prefWidth(-1);
            double x = Math.min(x0 + w - tw, Math.max(in.getLeft(), x0 + i * bw - tw / 2));
            tick.resizeRelocate(x, y0 + h + 2, tw, tick.prefHeight(tw));
        }
        double mw = maxLabel.prefWidth(-1);
        maxLabel.resizeRelocate(Math.max(in.getLeft(), x0 - mw - 4), y0 - 4, mw, maxLabel.prefHeight(mw));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 360;
    }
}
