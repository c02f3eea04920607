package org.captionlab.gui;

import java.time.Clock;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Progress of the current captioning batch, for the status bar: "312 / 1,000", the rate in photos per
 * second and the time left. A batch starts when photos are queued while none is running and ends when
 * the queue is empty or it is cancelled; photos queued meanwhile join it. UI-thread confined.
 */
public final class BatchProgress {

    private final Clock clock;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper(this, "done");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(this, "failed");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private long id;
    private long startMillis;

    BatchProgress(Clock clock) {
        this.clock = clock;
    }

    /** Starts a batch if none runs; returns the running batch's id. */
    long ensureStarted() {
        if (!running.get()) {
            id++;
            running.set(true);
            done.set(0);
            total.set(0);
            failed.set(0);
            startMillis = clock.millis();
            update();
        }
        return id;
    }

    /** Id of the running batch, or -1. */
    long currentId() {
        return running.get() ? id : -1;
    }

    void added(int n) {
        total.set(total.get() + n);
        update();
    }

    /** One photo of batch {@code batchId} finished (ignored when that batch was cancelled). */
    void completed(long batchId, boolean success) {
        if (batchId != currentId()) {
            return;
        }
        done.set(done.get() + 1);
        if (!success) {
            failed.set(failed.get() + 1);
        }
        update();
    }

    /** Ends the batch; returns how long it ran. */
    Duration finish() {
        running.set(false);
        return elapsed();
    }

    Duration elapsed() {
        return Duration.ofMillis(Math.max(0, clock.millis() - startMillis));
    }

    /** Photos per second so far, 0 before the first one is done. */
    public double rate() {
        double seconds = elapsed().toMillis() / 1000.0;
        return done.get() == 0 || seconds <= 0 ? 0 : done.get() / seconds;
    }

    private void update() {
        int t = total.get();
        int d = done.get();
        progress.set(t == 0 ? -1 : (double) d / t); // -1 = indeterminate while nothing is known
        countText.set(Formats.count(d) + " / " + Formats.count(t));
        double r = rate();
        if (r <= 0) {
            rateText.set("");
        } else {
            Duration eta = Duration.ofMillis(Math.round((t - d) / r * 1000));
            rateText.set(Formats.rate(r) + " photos/s · " + Formats.duration(eta) + " left");
        }
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyIntegerProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** 0..1, or -1 (indeterminate) while the total is 0. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "312 / 1,000". */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    /** "8.1 photos/s · 1:26 left", empty until the rate is known. */
    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }
}
