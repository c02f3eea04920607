package org.captionlab.gui.task;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A piece of work that runs off the UI thread and reports back on it.
 *
 * <p>Unlike {@code javafx.concurrent.Task}, it needs no JavaFX toolkit: the {@link TaskExecutor}
 * delivers the callbacks through its UI executor ({@code Platform::runLater} in the app,
 * {@code Runnable::run} in tests), so view models that use it are testable without a display (the JabRef
 * {@code BackgroundTask} shape). Callbacks are meant to set properties only.
 *
 * <p><b>Lifecycle.</b> {@link #onRunning} when a worker picks the task up; then exactly one of
 * {@link #onSucceeded}, {@link #onFailed} or {@link #onCancelled}; then always {@link #onFinished}, in the
 * same UI-thread turn as the outcome, so that bookkeeping such as "the queue is free again" lives in one
 * place and cannot be forgotten by one outcome.
 *
 * <p><b>Cancellation</b> is cooperative and its own outcome, never a failure: {@link #cancel()} sets a flag
 * the work can poll through its {@link Context}; a task cancelled before it starts never runs; a result
 * that arrives after {@code cancel()}, or a {@link CancellationException} thrown by the work, ends in
 * {@link #onCancelled}. Workers are not interrupted: an interrupt closes NIO channels and native
 * interpreters mid-call.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** The work itself; runs on a worker thread. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    /** Work that reports progress or looks for cancellation. */
    @FunctionalInterface
    public interface ContextWork<T> {
        T call(Context context) throws Exception;
    }

    /** What running work may ask of its task (worker thread). */
    public interface Context {
        /** True once {@link BackgroundTask#cancel()} was called. */
        boolean isCancelled();

        /** Throws {@link CancellationException} when the task was cancelled: a check point for loops. */
        default void checkCancelled() {
            if (isCancelled()) {
                throw new CancellationException("cancelled");
            }
        }

        /** Reports progress; handed to {@link BackgroundTask#onProgress} on the UI thread. */
        void progress(long done, long total, String message);
    }

    /** A progress report. */
    public record Progress(long done, long total, String message) {
    }

    private final String title;
    private final ContextWork<T> work;
    private volatile boolean cancelled;
    private Runnable onRunning;
    private Consumer<? super T> onSucceeded = result -> { };
    private Consumer<? super Throwable> onFailed;
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };
    private Consumer<? super Progress> onProgress;

    private BackgroundTask(String title, ContextWork<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
        this.onFailed = error -> LOG.warn("Background task '{}' failed", title, error);
    }

    /** A task with a short title (used in logs and thread names). */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        Objects.requireNonNull(work, "work");
        return new BackgroundTask<>(title, context -> work.call());
    }

    /** A task whose work reports progress or checks for cancellation. */
    public static <T> BackgroundTask<T> withContext(String title, ContextWork<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Called on the UI thread when a worker starts the task. */
    public BackgroundTask<T> onRunning(Runnable callback) {
        this.onRunning = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread with the result. */
    public BackgroundTask<T> onSucceeded(Consumer<? super T> callback) {
        this.onSucceeded = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread with whatever the work threw (never for a cancellation). */
    public BackgroundTask<T> onFailed(Consumer<? super Throwable> callback) {
        this.onFailed = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread when the task was cancelled (its result, if any, is dropped). */
    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread after every outcome, right after its own callback. */
    public BackgroundTask<T> onFinished(Runnable callback) {
        this.onFinished = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread with the work's progress reports. */
    public BackgroundTask<T> onProgress(Consumer<? super Progress> callback) {
        this.onProgress = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Asks the task to stop; it ends in {@link #onCancelled} whatever the work returns. Any thread. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public String title() {
        return title;
    }

    /**
     * Runs the work on the current thread and hands the outcome to {@code ui}. Executors call this on
     * their worker thread; a failure, whatever its type, reaches {@link #onFailed}.
     */
    public void run(Executor ui) {
        if (cancelled) {
            ui.execute(() -> finish(onCancelled));
            return;
        }
        if (onRunning != null) {
            ui.execute(onRunning);
        }
        T result;
        try {
            result = work.call(new WorkContext(ui));
        } catch (CancellationException e) {
            ui.execute(() -> finish(onCancelled));
            return;
        } catch (Throwable error) { // NOPMD: every failure must reach the UI, or a photo stays "captioning" forever
            ui.execute(() -> finish(cancelled ? onCancelled : () -> onFailed.accept(error)));
            if (error instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            return;
        }
        ui.execute(() -> finish(cancelled ? onCancelled : () -> onSucceeded.accept(result)));
    }

    /** The outcome's callback, then onFinished even when the callback throws. */
    private void finish(Runnable outcome) {
        try {
            outcome.run();
        } finally {
            onFinished.run();
        }
    }

    private final class WorkContext implements Context {
        private final Executor ui;

        WorkContext(Executor ui) {
            this.ui = ui;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void progress(long done, long total, String message) {
            Consumer<? super Progress> listener = onProgress;
            if (listener != null) {
                Progress p = new Progress(done, total, message);
                ui.execute(() -> listener.accept(p));
            }
        }
    }
}
