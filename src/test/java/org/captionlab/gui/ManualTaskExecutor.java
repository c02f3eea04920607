package org.captionlab.gui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;

/** Holds tasks until the test runs them, to look at the states in between. */
final class ManualTaskExecutor implements TaskExecutor {

    private final Deque<BackgroundTask<?>> pending = new ArrayDeque<>();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        pending.add(task);
    }

    @Override
    public Executor uiThread() {
        return Runnable::run;
    }

    int pending() {
        return pending.size();
    }

    /** Runs the oldest task (and its callbacks); false when none is waiting. */
    boolean runNext() {
        BackgroundTask<?> task = pending.poll();
        if (task == null) {
            return false;
        }
        task.run(Runnable::run);
        return true;
    }

    void runAll() {
        while (runNext()) {
            // callbacks may add tasks
        }
    }
}
