package org.captionlab.gui.task;

import java.util.concurrent.Executor;

/**
 * Runs {@link BackgroundTask}s off the UI thread and delivers their callbacks on it. Injected into view
 * models so that tests can run everything synchronously ({@link DirectTaskExecutor}).
 */
public interface TaskExecutor {

    /** Starts the task; returns at once (or, for a synchronous executor, after it ran). */
    <T> void execute(BackgroundTask<T> task);

    /** The executor that runs code on the UI thread ({@code Platform::runLater} in the app). */
    Executor uiThread();
}
