package org.captionlab.service;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.captionlab.imaging.ImagingParameters;
import org.captionlab.util.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of sweeps and optimiser runs (XChart, rendered with Java2D: works headless). */
public final class SweepPlots {

    /** Plot size in pixels: small enough to commit. */
    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    private SweepPlots() {
    }

    /** Scores against one knob: CIDEr-D, BLEU-4, mention F1 (with references), top-1 probability; log-prob on the right axis. */
    public static void line(Path file, SweepService.Axis axis, List<SweepService.Row> rows, boolean refs, int photos)
            throws IOException {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Caption quality against " + label(axis.name()) + " (" + photos + " photos)");
        chart.setXAxisTitle(label(axis.name()));
        chart.setYAxisTitle(refs ? "score" : "probability");
        style(chart);
        chart.getStyler().setXAxisLogarithmic(axis.logScale());
        List<Double> x = new ArrayList<>();
        rows.forEach(r -> x.add(r.values().get(axis.name())));
        if (refs) {
            add(chart, "CIDEr-D", x, rows.stream().map(r -> r.scores().ciderD()).toList(), 0);
            add(chart, "BLEU-4", x, rows.stream().map(r -> r.scores().bleu4()).toList(), 0);
            add(chart, "mention F1", x, rows.stream().map(r -> r.scores().mentionF1()).toList(), 0);
        }
        add(chart, "top-1 label probability", x, rows.stream().map(r -> r.scores().meanTopProbability()).toList(), 0);
        add(chart, "mean caption log-prob (right)", x, rows.stream().map(r -> r.scores().meanLogProb()).toList(), 1);
        chart.setYAxisGroupTitle(1, "log-prob");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        save(chart, file);
    }

    /** A heat map of CIDEr-D (or, without references, the mean log-prob) over two knobs. */
    public static void heatMap(Path file, SweepService.Axis xAxis, SweepService.Axis yAxis, List<SweepService.Row> rows,
                               boolean refs, int photos) throws IOException {
        HeatMapChart chart = new HeatMapChart(WIDTH, HEIGHT);
        String what = refs ? "CIDEr-D" : "mean caption log-prob";
        chart.setTitle(what + " over " + label(xAxis.name()) + " × " + label(yAxis.name()) + " (" + photos + " photos)");
        chart.setXAxisTitle(label(xAxis.name()));
        chart.setYAxisTitle(label(yAxis.name()));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern(refs ? "0.00" : "0.0");
        chart.getStyler().setRangeColors(new Color[] {new Color(0x2c, 0x7b, 0xb6), new Color(0xff, 0xff, 0xbf),
            new Color(0xd7, 0x19, 0x1c)});
        List<String> xs = xAxis.values().stream().map(SweepService::number).toList();
        List<String> ys = yAxis.values().stream().map(SweepService::number).toList();
        List<Number[]> heat = new ArrayList<>();
        for (SweepService.Row r : rows) {
            int i = xAxis.values().indexOf(r.values().get(xAxis.name()));
            int j = yAxis.values().indexOf(r.values().get(yAxis.name()));
            double v = refs ? r.scores().ciderD() : r.scores().meanLogProb();
            heat.add(new Number[] {i, j, v});
        }
        chart.addSeries(what, xs, ys, heat);
        save(chart, file);
    }

    static void add(XYChart chart, String name, List<Double> x, List<Double> y, int group) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setYAxisGroup(group);
    }

    static void style(XYChart chart) {
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setAntiAlias(true);
    }

    /** "defocus blur radius (px)". */
    static String label(String knob) {
        return ImagingParameters.knob(knob).map(ImagingParameters.Knob::label).orElse(knob);
    }

    static void save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
