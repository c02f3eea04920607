package org.captionlab.gui.task;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A piece of work that runs off the UI thread and reports back on it.
 *
 * <p>Unlike {@code javafx.concurrent.Task}, it needs no JavaFX toolkit: the {@link TaskExecutor}
 * delivers {@link #onSuccess} and {@link #onFailure} through its UI executor ({@code Platform::runLater}
 * in the app, {@code Runnable::run} in tests), so view models that use it are testable without a display
 * (the JabRef {@code BackgroundTask} shape). Callbacks are meant to set properties only.
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

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<? super Throwable> onFailure;

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
        this.onFailure = error -> LOG.warn("Background task '{}' failed", title, error);
    }

    /** A task with a short title (used in logs and thread names). */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Called on the UI thread with the result. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the UI thread with whatever the work threw. */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback, "callback");
        return this;
    }

    public String title() {
        return title;
    }

    /**
     * Runs the work on the current thread and hands the outcome to {@code ui}. Executors call this on
     * their worker thread; a failure, whatever its type, reaches {@link #onFailure}.
     */
    public void run(Executor ui) {
        T result;
        try {
            result = work.call();
        } catch (Throwable error) { // NOPMD: every failure must reach the UI, or a photo stays "captioning" forever
            ui.execute(() -> onFailure.accept(error));
            if (error instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            return;
        }
        ui.execute(() -> onSuccess.accept(result));
    }
}
