package org.captionlab.gui.task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Runs tasks synchronously on the calling thread and delivers callbacks at once: for view-model tests
 * without a JavaFX toolkit. When a callback starts another task, that task runs after the current one
 * finished (a trampoline), so long chains (a batch of 10,000 photos) do not grow the stack and the
 * order matches the real executor's: a task's callbacks complete before the next task starts.
 *
 * <p>Not thread-safe: meant for one test thread.
 */
public final class DirectTaskExecutor implements TaskExecutor {

    private final Deque<Runnable> pending = new ArrayDeque<>();
    private boolean draining;

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        pending.add(() -> task.run(Runnable::run));
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable next;
            while ((next = pending.poll()) != null) {
                next.run();
            }
        } finally {
            draining = false;
        }
    }

    @Override
    public Executor uiThread() {
        return Runnable::run;
    }
}
