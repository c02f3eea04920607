package org.captionlab.gui.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.gui.task.TaskExecutor;
import org.junit.jupiter.api.Test;

/** The lane scheduler without a display: one task at a time, priorities, cancellation, stale results. */
class LaneSchedulerTest {

    private static final LaneId A = LaneId.of("a");
    private static final LaneId B = LaneId.of("b");

    /** Holds tasks until the test runs them. */
    private static final class HeldExecutor implements TaskExecutor {
        final Deque<BackgroundTask<?>> pending = new ArrayDeque<>();

        @Override
        public <T> void execute(BackgroundTask<T> task) {
            pending.add(task);
        }

        @Override
        public Executor uiThread() {
            return Runnable::run;
        }

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
                // callbacks start the next task
            }
        }
    }

    /** A lane with a list of work items; results and errors are logged. */
    private static final class ListSource implements LaneScheduler.Source {
        final String name;
        final Deque<String> work = new ArrayDeque<>();
        final List<String> log;
        String preparation;

        ListSource(String name, List<String> log, String... items) {
            this.name = name;
            this.log = log;
            work.addAll(List.of(items));
        }

        @Override
        public LaneScheduler.Job<?> preparation() {
            if (preparation == null) {
                return null;
            }
            String p = preparation;
            preparation = null;
            return new LaneScheduler.Job<>(p, () -> p, r -> log.add(name + " prepared " + r), e -> log.add(name + " failed " + p));
        }

        @Override
        public LaneScheduler.Job<?> next() {
            String item = work.poll();
            if (item == null) {
                return null;
            }
            return new LaneScheduler.Job<>(item, () -> {
                if (item.startsWith("broken")) {
                    throw new IllegalStateException(item);
                }
                return item.toUpperCase();
            }, r -> log.add(name + " " + r), e -> log.add(name + " failed " + item));
        }
    }

    @Test
    void runsOneTaskAtATimeByPriorityWithPreparationsFirst() {
        List<String> log = new ArrayList<>();
        HeldExecutor executor = new HeldExecutor();
        LaneScheduler scheduler = new LaneScheduler(executor);
        ListSource a = new ListSource("a", log, "a1", "a2");
        ListSource b = new ListSource("b", log, "b1");
        b.preparation = "model-b";
        scheduler.add(B, 2, b);
        scheduler.add(A, 1, a);
        List<String> idle = new ArrayList<>();
        scheduler.setOnIdle(() -> idle.add("idle"));

        scheduler.pump();
        assertThat(executor.pending).hasSize(1);
        scheduler.pump(); // busy: nothing more starts
        assertThat(executor.pending).hasSize(1);
        executor.runAll();

        assertThat(log).containsExactly("b prepared model-b", "a A1", "a A2", "b B1");
        assertThat(idle).containsExactly("idle");
        assertThat(scheduler.isBusy()).isFalse();
    }

    @Test
    void twoLanesCancelOneAndTheOtherFinishes() {
        List<String> log = new ArrayList<>();
        HeldExecutor executor = new HeldExecutor();
        LaneScheduler scheduler = new LaneScheduler(executor);
        ListSource a = new ListSource("a", log, "a1", "a2", "a3");
        ListSource b = new ListSource("b", log, "b1", "b2");
        scheduler.add(A, 1, a);
        scheduler.add(B, 2, b);

        scheduler.pump();
        executor.runNext(); // a1 done; a2 is in flight
        assertThat(scheduler.running()).isEqualTo(A);
        scheduler.cancel(A);
        a.work.clear(); // the lane forgets its queue, as a closed comparison does
        executor.runAll();

        assertThat(log).containsExactly("a A1", "b B1", "b B2");
        assertThat(scheduler.dropped()).as("a2 came back after the cancel").isEqualTo(1);
        assertThat(scheduler.isBusy()).isFalse();
    }

    @Test
    void aStaleResultIsDroppedAndTheLaneGoesOnWithNewWork() {
        List<String> log = new ArrayList<>();
        HeldExecutor executor = new HeldExecutor();
        LaneScheduler scheduler = new LaneScheduler(executor);
        ListSource a = new ListSource("a", log, "old");
        scheduler.add(A, 1, a);

        scheduler.pump(); // "old" is in flight
        scheduler.cancel(A); // e.g. another model was loaded into the lane
        a.work.add("new");
        executor.runAll();

        assertThat(log).containsExactly("a NEW");
        assertThat(scheduler.dropped()).isEqualTo(1);
    }

    @Test
    void aFailureGoesToItsLaneAndTheQueueGoesOn() {
        List<String> log = new ArrayList<>();
        LaneScheduler scheduler = new LaneScheduler(new DirectTaskExecutor());
        scheduler.add(A, 1, new ListSource("a", log, "a1", "broken", "a3"));
        scheduler.add(B, 2, new ListSource("b", log, "b1"));

        scheduler.pump();

        assertThat(log).containsExactly("a A1", "a failed broken", "a A3", "b B1");
    }

    @Test
    void aRemovedLaneGetsNothingBackAndAClosedSchedulerStartsNothing() {
        List<String> log = new ArrayList<>();
        HeldExecutor executor = new HeldExecutor();
        LaneScheduler scheduler = new LaneScheduler(executor);
        scheduler.add(A, 1, new ListSource("a", log, "a1"));
        scheduler.add(B, 2, new ListSource("b", log, "b1", "b2"));
        scheduler.pump();
        scheduler.remove(A);
        assertThat(scheduler.contains(A)).isFalse();
        executor.runNext(); // a1 comes back: dropped; b1 starts
        scheduler.close();
        executor.runAll();

        assertThat(log).isEmpty();
        assertThat(executor.pending).isEmpty();
    }
}
