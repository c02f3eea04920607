package org.captionlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench}'s table: the figure column as wide as its longest name, so that every row lines up; with a reference
 * run, its figure and the ratio beside ours.
 */
final class BenchTable {

    private BenchTable() {
    }

    /** The header and one row per figure, each ending with a line break; {@code reference} may be null. */
    static String render(List<BenchCommand.Figure> figures, JsonNode reference) {
        int width = "figure".length();
        for (BenchCommand.Figure f : figures) {
            width = Math.max(width, f.label().length());
        }
        StringBuilder sb = new StringBuilder();
        String row = "%-" + width + "s  %12s" + (reference != null ? "  %12s  %8s" : "") + "%n";
        sb.append(reference != null ? String.format(Locale.ROOT, row, "figure", "CaptionLab", "PyTorch", "ratio")
                : String.format(Locale.ROOT, row, "figure", "CaptionLab"));
        for (BenchCommand.Figure f : figures) {
            String ours = format(f.ours(), f.unit());
            if (reference == null) {
                sb.append(String.format(Locale.ROOT, row, f.label(), ours));
            } else if (reference.has(f.key())) {
                double theirs = reference.get(f.key()).asDouble();
                sb.append(String.format(Locale.ROOT, row, f.label(), ours, format(theirs, f.unit()),
                        String.format(Locale.ROOT, "%.2f×", BenchCommand.ratio(f, theirs))));
            } else {
                sb.append(String.format(Locale.ROOT, row, f.label(), ours, "", ""));
            }
        }
        return sb.toString();
    }

    /** Three significant digits or so, with the unit. */
    static String format(double v, String unit) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, unit);
    }
}
