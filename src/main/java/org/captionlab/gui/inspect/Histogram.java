package org.captionlab.gui.inspect;

import java.util.Arrays;
import java.util.Collection;
import org.captionlab.eval.Metric;

/**
 * Equal-width bins of one metric's per-image scores, from 0 to a round upper bound (at least 1, so BLEU-4
 * and ROUGE-L always span their whole range), with a round bin width such as 0.05, 0.1, 0.25 or 0.5 and at
 * most {@link #MAX_BINS} bins. A value on the upper bound falls in the last bin.
 *
 * @param metric the metric binned
 * @param step   bin width
 * @param counts photos per bin
 */
public record Histogram(Metric metric, double step, int[] counts) {

    /** Most bins shown. */
    public static final int MAX_BINS = 20;

    public Histogram {
        counts = counts.clone();
    }

    /** Bins the values (NaN values are left out). */
    public static Histogram of(Metric metric, Collection<Double> values) {
        double top = 1;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                top = Math.max(top, v);
            }
        }
        double step = niceStep(top / MAX_BINS);
        int bins = Math.max(1, (int) Math.ceil(top / step - 1e-9));
        int[] counts = new int[bins];
        Histogram shape = new Histogram(metric, step, counts);
        for (double v : values) {
            if (!Double.isNaN(v)) {
                counts[shape.binOf(v)]++;
            }
        }
        return new Histogram(metric, step, counts);
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code x}. */
    static double niceStep(double x) {
        double exp = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= x - 1e-12) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    public int bins() {
        return counts.length;
    }

    /** The bin of a value; values below 0 go to the first bin and above the top to the last. */
    public int binOf(double value) {
        int i = (int) Math.floor(value / step + 1e-9);
        return Math.max(0, Math.min(counts.length - 1, i));
    }

    public double lower(int bin) {
        return bin * step;
    }

    public double upper(int bin) {
        return (bin + 1) * step;
    }

    public int count(int bin) {
        return counts[bin];
    }

    /** The largest bin count (for scaling bars). */
    public int maxCount() {
        return Arrays.stream(counts).max().orElse(0);
    }

    /** Photos counted. */
    public int total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.metric == metric && h.step == step && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * metric.hashCode() + Double.hashCode(step)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + metric.label() + ", step " + step + ", " + Arrays.toString(counts) + "]";
    }
}
