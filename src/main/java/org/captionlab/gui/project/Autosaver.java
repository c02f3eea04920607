package org.captionlab.gui.project;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Saves the latest snapshot of some state a short delay after it changed, on a background thread.
 *
 * <p>The first change after a save schedules a write {@code delay} later; further changes in between
 * only replace the snapshot. So bursts of edits cost one write, and a crash loses at most {@code delay}
 * of work (a pure debounce could postpone the write forever while the user keeps typing). Snapshots are
 * immutable values taken on the UI thread, so the writer never reads live UI state.
 *
 * @param <T> the snapshot type
 */
public final class Autosaver<T> implements AutoCloseable {

    /** Writes one snapshot. */
    @FunctionalInterface
    public interface Saver<T> {
        void save(T snapshot) throws IOException;
    }

    private final Duration delay;
    private final Saver<T> saver;
    private final Consumer<IOException> onError;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final Object writeLock = new Object();
    private T pending;
    private ScheduledFuture<?> scheduled;
    private boolean closed;

    /**
     * @param name    thread name
     * @param delay   how long after the first unsaved change the write happens
     * @param saver   writes a snapshot (atomically, so that a crash mid-write loses nothing)
     * @param onError told about a failed write, on the saving thread; the snapshot is kept and retried
     *                with the next change or flush
     */
    public Autosaver(String name, Duration delay, Saver<T> saver, Consumer<IOException> onError) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.saver = Objects.requireNonNull(saver, "saver");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Records the latest state; it is written within {@code delay}. */
    public void submit(T snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("autosaver is closed");
            }
            pending = snapshot;
            if (scheduled == null || scheduled.isDone()) {
                scheduled = timer.schedule(this::saveQuietly, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** True while a submitted snapshot has not been written. */
    public boolean isDirty() {
        synchronized (lock) {
            return pending != null;
        }
    }

    /** Writes the pending snapshot now, on the calling thread. */
    public void flush() throws IOException {
        synchronized (lock) {
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }
        saveNow();
    }

    /** Flushes and stops the timer; a failed final write goes to {@code onError}. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            flush();
        } catch (IOException e) {
            onError.accept(e);
        }
        timer.shutdownNow();
    }

    private void saveQuietly() {
        try {
            saveNow();
        } catch (IOException e) {
            onError.accept(e);
        }
    }

    /**
     * Writers take turns on {@code writeLock}, and each writes the newest snapshot when its turn comes, so
     * an older snapshot never overwrites a newer one. {@code lock} is not held while writing, so
     * {@link #submit} never waits for the disk.
     */
    private void saveNow() throws IOException {
        synchronized (writeLock) {
            T snapshot;
            synchronized (lock) {
                snapshot = pending;
            }
            if (snapshot == null) {
                return;
            }
            saver.save(snapshot);
            synchronized (lock) {
                if (pending == snapshot) {
                    pending = null;
                }
            }
        }
    }
}
