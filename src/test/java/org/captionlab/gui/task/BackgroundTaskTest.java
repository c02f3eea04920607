package org.captionlab.gui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The task's lifecycle: running, one outcome, finished; cancellation is an outcome of its own. */
class BackgroundTaskTest {

    private static <T> BackgroundTask<T> logged(BackgroundTask<T> task, List<String> log) {
        return task.onRunning(() -> log.add("running"))
                .onSucceeded(r -> log.add("succeeded " + r))
                .onFailed(e -> log.add("failed " + e.getMessage()))
                .onCancelled(() -> log.add("cancelled"))
                .onFinished(() -> log.add("finished"))
                .onProgress(p -> log.add("progress " + p.done() + "/" + p.total()));
    }

    @Test
    void successReportsRunningProgressResultAndFinished() {
        List<String> log = new ArrayList<>();
        logged(BackgroundTask.withContext("t", context -> {
            context.progress(1, 2, "half");
            return 42;
        }), log).run(Runnable::run);
        assertThat(log).containsExactly("running", "progress 1/2", "succeeded 42", "finished");
    }

    @Test
    void failureIsReportedAndFinishedStillRuns() {
        List<String> log = new ArrayList<>();
        logged(BackgroundTask.of("t", () -> {
            throw new IllegalStateException("broken");
        }), log).run(Runnable::run);
        assertThat(log).containsExactly("running", "failed broken", "finished");
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        List<String> log = new ArrayList<>();
        BackgroundTask<Integer> task = logged(BackgroundTask.of("t", () -> {
            log.add("work");
            return 1;
        }), log);
        task.cancel();
        task.run(Runnable::run);
        assertThat(log).containsExactly("cancelled", "finished");
    }

    @Test
    void cancellationDuringTheWorkIsItsOwnOutcomeNeverAFailure() {
        List<String> log = new ArrayList<>();
        BackgroundTask<Integer>[] self = new BackgroundTask[1];
        self[0] = logged(BackgroundTask.withContext("t", context -> {
            self[0].cancel();
            context.checkCancelled();
            return 1;
        }), log);
        self[0].run(Runnable::run);
        assertThat(log).containsExactly("running", "cancelled", "finished");

        List<String> second = new ArrayList<>();
        logged(BackgroundTask.of("t", () -> {
            throw new CancellationException("stopped");
        }), second).run(Runnable::run);
        assertThat(second).containsExactly("running", "cancelled", "finished");
    }

    @Test
    void aResultThatArrivesAfterCancelIsDropped() {
        List<String> log = new ArrayList<>();
        List<Runnable> ui = new ArrayList<>();
        BackgroundTask<Integer> task = logged(BackgroundTask.of("t", () -> 7), log);
        task.run(ui::add); // the outcome waits for the UI thread ...
        task.cancel(); // ... while the user cancels
        ui.forEach(Runnable::run);
        assertThat(log).containsExactly("running", "cancelled", "finished");
    }
}
