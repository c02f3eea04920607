package org.captionlab.gui.lane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model work of all lanes, one task at a time: a lane's captioner is never used by two threads,
 * and two models decoding at once would only share the same cores. UI thread only.
 *
 * <p><b>Order.</b> Preparations (a model to open) of every lane first, by priority, then the lanes' photo
 * work by priority: the main model's queue before a comparison model's. The next task is chosen when the
 * previous one has finished ({@link BackgroundTask#onFinished}), so the queue cannot stall on an outcome
 * that forgot to free it.
 *
 * <p><b>Staleness.</b> Each lane has an epoch; {@link #cancel} bumps it and cancels the lane's task in
 * flight. A result that comes back from an older epoch is dropped, never delivered: a closed or replaced
 * comparison model cannot write into the photos.
 */
public final class LaneScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(LaneScheduler.class);

    /** One lane's work, asked for on the UI thread whenever the scheduler is free. */
    public interface Source {
        /** Work that must come before any lane's photos (opening a model), or null. */
        default Job<?> preparation() {
            return null;
        }

        /** The lane's next piece of work, or null when it has none. */
        Job<?> next();
    }

    /**
     * One piece of lane work.
     *
     * @param title    for logs and thread names
     * @param work     runs on a worker thread
     * @param onResult UI thread, only while the lane's epoch is the one the job started in
     * @param onError  UI thread, same condition
     * @param <T>      the result type
     */
    public record Job<T>(String title, BackgroundTask.Work<T> work, Consumer<? super T> onResult,
                         Consumer<? super Throwable> onError) {
        public Job {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(onResult, "onResult");
            Objects.requireNonNull(onError, "onError");
        }
    }

    private static final class Lane {
        final LaneId id;
        final int priority;
        final Source source;
        long epoch;

        Lane(LaneId id, int priority, Source source) {
            this.id = id;
            this.priority = priority;
            this.source = source;
        }
    }

    private final TaskExecutor executor;
    private final List<Lane> lanes = new ArrayList<>();
    private Runnable onIdle = () -> { };
    private BackgroundTask<?> inFlight;
    private Lane inFlightLane;
    private boolean closed;
    private int dropped;

    public LaneScheduler(TaskExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Called when no lane has work (after a task finished, or when asked to run with nothing to do). */
    public void setOnIdle(Runnable action) {
        this.onIdle = Objects.requireNonNull(action, "action");
    }

    /** Adds a lane; lower priorities run first. Replaces (and cancels) a lane of the same id. */
    public void add(LaneId id, int priority, Source source) {
        remove(id);
        lanes.add(new Lane(id, priority, source));
        lanes.sort(Comparator.comparingInt(l -> l.priority));
    }

    /** Removes a lane; its task in flight is cancelled and its result dropped. */
    public void remove(LaneId id) {
        Lane lane = find(id);
        if (lane != null) {
            cancel(id);
            lanes.remove(lane);
        }
    }

    public boolean contains(LaneId id) {
        return find(id) != null;
    }

    /**
     * Makes the lane's work so far stale: its task in flight is cancelled and whatever it brings back is
     * dropped. The lane stays and may hand out new work at once.
     */
    public void cancel(LaneId id) {
        Lane lane = find(id);
        if (lane == null) {
            return;
        }
        lane.epoch++;
        if (inFlightLane == lane && inFlight != null) {
            inFlight.cancel();
        }
    }

    /** True while a task runs. */
    public boolean isBusy() {
        return inFlight != null;
    }

    /** The lane whose task runs now, or null. */
    public LaneId running() {
        return inFlightLane == null ? null : inFlightLane.id;
    }

    /** How many results came back stale and were dropped (for tests and logs). */
    public int dropped() {
        return dropped;
    }

    /** Starts the next piece of work if none runs. */
    public void pump() {
        if (inFlight != null || closed) {
            return;
        }
        for (Lane lane : List.copyOf(lanes)) {
            Job<?> job = lane.source.preparation();
            if (job != null) {
                start(lane, job);
                return;
            }
        }
        for (Lane lane : List.copyOf(lanes)) {
            Job<?> job = lane.source.next();
            if (job != null) {
                start(lane, job);
                return;
            }
        }
        onIdle.run();
    }

    /** Stops handing out work; the task in flight is cancelled and its result dropped. */
    public void close() {
        closed = true;
        if (inFlight != null) {
            inFlight.cancel();
        }
    }

    private <T> void start(Lane lane, Job<T> job) {
        long epoch = lane.epoch;
        BackgroundTask<T> task = BackgroundTask.of(lane.id + ": " + job.title(), job.work())
                .onSucceeded(result -> {
                    if (current(lane, epoch, job)) {
                        job.onResult().accept(result);
                    }
                })
                .onFailed(error -> {
                    if (current(lane, epoch, job)) {
                        job.onError().accept(error);
                    } else {
                        LOG.debug("Stale failure of '{}' dropped", job.title(), error);
                    }
                })
                .onCancelled(() -> {
                    dropped++;
                    LOG.debug("'{}' cancelled", job.title());
                })
                .onFinished(() -> {
                    inFlight = null;
                    inFlightLane = null;
                    pump();
                });
        // Set before execute: a synchronous executor finishes the task (and clears these) inside it.
        inFlight = task;
        inFlightLane = lane;
        executor.execute(task);
    }

    private boolean current(Lane lane, long epoch, Job<?> job) {
        if (!closed && lane.epoch == epoch && lanes.contains(lane)) {
            return true;
        }
        dropped++;
        LOG.debug("Result of '{}' dropped: its lane was cancelled or closed", job.title());
        return false;
    }

    private Lane find(LaneId id) {
        for (Lane lane : lanes) {
            if (lane.id.equals(id)) {
                return lane;
            }
        }
        return null;
    }
}
