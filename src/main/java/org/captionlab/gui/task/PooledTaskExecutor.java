package org.captionlab.gui.task;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's executor: a small pool of daemon threads (so a stuck task never keeps the JVM alive) whose
 * callbacks go to the UI thread.
 */
public final class PooledTaskExecutor implements TaskExecutor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PooledTaskExecutor.class);

    private final ExecutorService pool;
    private final Executor ui;

    /**
     * @param threads worker threads; model work is serialised by the view model, so 2 is plenty (one for
     *                the model, one for scanning folders and writing pasted images)
     * @param ui      runs callbacks on the UI thread
     */
    public PooledTaskExecutor(int threads, Executor ui) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.ui = Objects.requireNonNull(ui, "ui");
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
    }

    /** An executor whose callbacks run on the JavaFX application thread. */
    public static PooledTaskExecutor forJavaFx(int threads) {
        return new PooledTaskExecutor(threads, Platform::runLater);
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        try {
            pool.execute(() -> task.run(ui));
        } catch (RejectedExecutionException e) {
            LOG.debug("Task '{}' dropped: executor is shut down", task.title());
        }
    }

    @Override
    public Executor uiThread() {
        return ui;
    }

    /** Stops accepting tasks and interrupts running ones; does not wait (never blocks the UI thread). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "captionlab-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
