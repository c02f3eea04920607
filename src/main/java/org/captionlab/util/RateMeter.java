package org.captionlab.util;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Rate and ETA of work measured in units (images, batches, bytes), smoothed over the whole run so
 * far. Used by the CLI's progress lines and the app's progress bar.
 */
public final class RateMeter {

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long startDone;

    /** Starts measuring now, with {@code alreadyDone} units done before (e.g. resumed work). */
    public RateMeter(long alreadyDone) {
        this(alreadyDone, System::nanoTime);
    }

    /** For tests: an explicit clock in nanoseconds. */
    public RateMeter(long alreadyDone, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.startDone = alreadyDone;
    }

    /** Units per second since the start (0 until something was done). */
    public double rate(long done) {
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        long units = done - startDone;
        return seconds <= 0 || units <= 0 ? 0.0 : units / seconds;
    }

    /** Estimated time left, or null when no estimate is possible yet. */
    public Duration eta(long done, long total) {
        double r = rate(done);
        if (r <= 0 || total < 0) {
            return null;
        }
        return Duration.ofMillis(Math.round(Math.max(0, total - done) / r * 1000));
    }

    /** {@code 1h02m}, {@code 4m05s}, {@code 12s}, or {@code ?} for null. */
    public static String format(Duration d) {
        if (d == null) {
            return "?";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** A one-line summary, e.g. {@code 1,234/7,000 (17.6/s, ETA 5m28s)}. */
    public String line(long done, long total, String unit) {
        return String.format("%,d/%,d %s (%.1f/s, ETA %s)", done, total, unit, rate(done), format(eta(done, total)));
    }
}
