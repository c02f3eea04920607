package org.captionlab.cli;

import java.util.List;
import java.util.Locale;

/** {@code bench}'s table: the stage column as wide as its longest name, so that every row lines up. */
final class BenchTable {

    private BenchTable() {
    }

    /** The header and one row per timing, each ending with a line break. */
    static String render(List<BenchCommand.Timing> timings, double reference) {
        int width = "stage".length();
        for (BenchCommand.Timing t : timings) {
            width = Math.max(width, t.stage().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %12s%n", "stage", "ms/image", "× reference"));
        for (BenchCommand.Timing t : timings) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %10.2f  %12.3f%n", t.stage(), t.millisPerImage(),
                    t.millisPerImage() / reference));
        }
        return sb.toString();
    }
}
