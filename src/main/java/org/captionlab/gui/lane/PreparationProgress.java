package org.captionlab.gui.lane;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.captionlab.gui.Formats;
import org.captionlab.util.ProgressListener;

/**
 * Progress of a model's preparation (called on the worker thread) turned into status texts on the UI
 * thread, at most every {@link #INTERVAL_MS} ms and always for the first and last report: a download
 * reports every 64 KiB, which would flood the UI queue.
 */
public final class PreparationProgress implements ModelLane.ProgressFactory {

    /** Shortest interval between two progress texts of a model's preparation. */
    public static final long INTERVAL_MS = 100;

    private final Clock clock;
    private final Executor ui;

    public PreparationProgress(Clock clock, Executor ui) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    @Override
    public ProgressListener create(Consumer<String> show) {
        AtomicLong lastShown = new AtomicLong(Long.MIN_VALUE);
        return (done, total, message) -> {
            long now = clock.millis();
            long last = lastShown.get();
            boolean edge = done == 0 || (total > 0 && done >= total);
            if (!edge && last != Long.MIN_VALUE && now - last < INTERVAL_MS) {
                return;
            }
            lastShown.set(now);
            String text = text(done, total, message);
            ui.execute(() -> show.accept(text));
        };
    }

    /** "Downloading encoder weights: 1.2 / 3.4 MB" for byte counts; otherwise the message itself. */
    public static String text(long done, long total, String message) {
        boolean bytes = message != null && message.startsWith("downloading") && (total > 1 || done > 1);
        if (bytes) {
            return total > 0
                    ? String.format(Locale.ROOT, "Downloading encoder weights: %.1f / %.1f MB", done / 1e6, total / 1e6)
                    : String.format(Locale.ROOT, "Downloading encoder weights: %.1f MB", done / 1e6);
        }
        if (message == null || message.isBlank()) {
            return total > 0 ? Formats.percent((double) done / total) : "…";
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + " …";
    }
}
