package org.captionlab.gui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.gui.decoding.DecodingViewModel;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.lane.LaneScheduler;
import org.captionlab.gui.lane.ModelLane;
import org.captionlab.gui.lane.PreparationProgress;
import org.captionlab.gui.lane.UnguidedCaptioner;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.ModelResult;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.service.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded models, one {@link ModelLane lane} each, and their work: the main lane captions the library
 * (photo status, batch progress) and any number of further lanes (File → Compare with model…, or more)
 * caption the photos the main model has captioned. A {@link LaneScheduler} runs one task at a time:
 * model loads first, then the main lane's queue (the selected photo first), then the other lanes'.
 *
 * <p><b>Encode once.</b> Features are cached per encoder on the photo; a change of decoding settings
 * starts a new generation in every lane and re-decodes from the cached features (the selected photo
 * first). UI thread only.
 */
public final class LanesViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanesViewModel.class);

    /** Failures reported one by one per batch; further ones share a single summary notice. */
    static final int FAILURE_NOTICES_PER_BATCH = 3;

    private final CaptionerFactory captioners;
    private final TaskExecutor executor;
    private final Notices notices;
    private final DecodingViewModel decoding;
    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final PreparationProgress progress;
    private final LaneScheduler scheduler;
    private final Map<LaneId, ModelLane> lanes = new LinkedHashMap<>();
    private final MainLane mainLane;
    private final ModelLane main;
    private final BatchRun batch;
    private final Map<LaneId, ReadOnlyBooleanWrapper> working = new LinkedHashMap<>();
    private final ObservableList<LaneId> otherLanes = FXCollections.observableArrayList();
    private final OtherListener otherListener = new OtherListener();
    private Consumer<LaneId> lanesChanged = lane -> { };
    private boolean closed;

    /**
     * @param items    the library, in order
     * @param selected the photo the user looks at: it jumps the main lane's queue
     * @param bulk     runs a change of many photo statuses at once (the library's status line is rebuilt once)
     */
    LanesViewModel(CaptionerFactory captioners, TaskExecutor executor, Notices notices, DecodingViewModel decoding,
                   ObservableList<PhotoItem> items, ObjectProperty<PhotoItem> selected, Clock clock,
                   Consumer<Runnable> bulk) {
        this.captioners = Objects.requireNonNull(captioners, "captioners");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notices = notices;
        this.decoding = decoding;
        this.items = items;
        this.selected = selected;
        this.progress = new PreparationProgress(clock, executor.uiThread());
        this.scheduler = new LaneScheduler(executor);
        this.batch = new BatchRun(new BatchProgress(clock), notices, bulk);
        this.mainLane = new MainLane(captioners, progress, notices, decoding, items, selected, batch, scheduler::pump,
                this::offerToOtherLanes, this::retainFeatures);
        this.main = mainLane.lane();
        addLane(main);
        addLane(new ModelLane(LaneId.COMPARE, captioners, decoding::options, item -> decoding.guide(), progress, otherListener));
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                mainLane.prioritise(now);
            }
        });
    }

    private ModelLane addLane(ModelLane lane) {
        LaneId id = lane.id();
        lanes.put(id, lane);
        if (!id.equals(LaneId.MAIN)) {
            otherLanes.add(id);
        }
        working.put(id, new ReadOnlyBooleanWrapper(this, id + "Working"));
        scheduler.add(id, lanes.size(), lane);
        return lane;
    }

    /** Called after a lane's model changed or was closed (the scores follow). */
    void setOnLanesChanged(Consumer<LaneId> action) {
        this.lanesChanged = Objects.requireNonNull(action, "action");
    }

    /** Called when no lane has work left (a deferred scoring pass may run now). */
    void setOnIdle(Runnable action) {
        scheduler.setOnIdle(action);
    }

    // ------------------------------------------------------------------ models

    /** Opens the main caption model in the background; photos wait for it. Replaces the current one on success. */
    public void loadModel(Path modelDir) {
        mainLane.load(modelDir.toAbsolutePath().normalize());
    }

    /**
     * Opens a model into another lane (made on first use). It decodes from the cached features when its
     * encoder is one already used, and encodes the photos itself otherwise.
     */
    public void loadLane(LaneId id, Path modelDir) {
        if (closed || id.equals(LaneId.MAIN)) {
            if (id.equals(LaneId.MAIN)) {
                loadModel(modelDir);
            }
            return;
        }
        ModelLane lane = lanes.containsKey(id) ? lanes.get(id)
                : addLane(new ModelLane(id, captioners, decoding::options, item -> decoding.guide(), progress, otherListener));
        Path dir = modelDir.toAbsolutePath().normalize();
        lane.requestLoad(dir);
        lane.setStatus("Loading " + LaneTexts.noun(id) + " '" + Formats.nameOf(dir) + "' …");
        working.get(id).set(true);
        scheduler.pump();
    }

    /**
     * Opens the main model again, without label guidance, in the {@link LaneId#UNGUIDED} lane: the Compare
     * view can then put each photo's guided and unguided captions side by side. Nothing happens without a
     * main model.
     */
    public void loadUnguidedLane() {
        ModelInfo info = main.model();
        if (closed || info == null || info.directory() == null) {
            return;
        }
        if (!lanes.containsKey(LaneId.UNGUIDED)) {
            addLane(new ModelLane(LaneId.UNGUIDED, UnguidedCaptioner.of(captioners), decoding::options, item -> null,
                    progress, otherListener));
        }
        loadLane(LaneId.UNGUIDED, info.directory());
    }

    /** Closes a lane's model (not the main one's): its captions and scores are dropped. */
    public void closeLane(LaneId id) {
        ModelLane lane = lanes.get(id);
        if (lane == null || id.equals(LaneId.MAIN) || (lane.model() == null && lane.pendingLoad() == null)) {
            return;
        }
        scheduler.cancel(id);
        lane.forgetModel();
        for (PhotoItem item : items) {
            item.setResult(id, ModelResult.NONE);
        }
        executor.execute(BackgroundTask.of("close " + id + " model", () -> {
            lane.clearModelInBackground();
            return null;
        }));
        updateStatus(lane);
        lanesChanged.accept(id);
    }

    /** The lanes, main first. */
    public List<LaneId> laneIds() {
        return List.copyOf(lanes.keySet());
    }

    /** The lanes beside the main one (the comparison model's and any added later), observable. */
    public ObservableList<LaneId> otherLanes() {
        return FXCollections.unmodifiableObservableList(otherLanes);
    }

    /** A lane's loaded model (null while none). */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty(LaneId id) {
        return lane(id).modelProperty();
    }

    /** A lane's status line. */
    public ReadOnlyStringProperty statusProperty(LaneId id) {
        return lane(id).statusProperty();
    }

    /** True while a lane other than the main one loads or still captions photos. */
    public ReadOnlyBooleanProperty workingProperty(LaneId id) {
        lane(id);
        return working.get(id).getReadOnlyProperty();
    }

    private ModelLane lane(LaneId id) {
        ModelLane lane = lanes.get(id);
        if (lane == null) {
            throw new IllegalArgumentException("no lane '" + id + "'");
        }
        return lane;
    }

    /** The main model's folder while it waits for its encoder weights (missing or unusable), else null. */
    public ReadOnlyObjectProperty<Path> waitingForEncoderProperty() {
        return mainLane.waitingForEncoderProperty();
    }

    /** The main model's state. */
    public ReadOnlyObjectProperty<ModelState> modelStateProperty() {
        return mainLane.stateProperty();
    }

    /** Drops cached features of encoders no lane uses any more. */
    private void retainFeatures() {
        Set<String> inUse = new HashSet<>();
        for (ModelLane lane : lanes.values()) {
            if (lane.model() != null) {
                inUse.add(lane.model().encoderId());
            }
        }
        for (PhotoItem item : items) {
            item.retainFeatures(inUse);
        }
    }

    // ------------------------------------------------------------------ work

    /** Captions every photo that has no up-to-date caption, retrying failed ones. */
    public void captionAll() {
        mainLane.captionAll();
    }

    /** Stops the batch: queued photos go back to "not captioned"; the photo in flight finishes. */
    public void cancelBatch() {
        mainLane.cancelBatch();
    }

    /** A photo has the main model's captions: the other lanes may caption it now. */
    private void offerToOtherLanes(PhotoItem item) {
        for (ModelLane lane : lanes.values()) {
            if (lane != main && lane.model() != null) {
                lane.offer(item);
            }
        }
    }

    /** Forgets every queued photo (the library is emptied). */
    void clearQueues() {
        for (ModelLane lane : lanes.values()) {
            lane.clearQueue(false);
        }
        updateStatuses();
    }

    /** One photo's own settings changed (label guidance for it): the main model decodes it again. */
    public void redecode(PhotoItem item) {
        if (!closed) {
            mainLane.redo(item);
        }
    }

    /** Runs {@code use} with the main model on the calling worker thread (see {@link ModelLane#useModel}). */
    public <T> T useMainModel(org.captionlab.gui.lane.CaptionerSlot.Use<T> use) throws Exception {
        return main.useModel(use);
    }

    /** New decoding settings: every lane re-decodes what it captioned, the selected photo first. */
    void decodingChanged() {
        lanes.values().forEach(ModelLane::nextGeneration);
        mainLane.redoCaptioned(true);
        requeueOtherLanes();
    }

    private void requeueOtherLanes() {
        for (ModelLane lane : lanes.values()) {
            if (lane != main && lane.model() != null) {
                items.forEach(lane::offer);
                updateStatus(lane);
            }
        }
        scheduler.pump();
    }

    /** True while captions are being made or wait to be made, in any lane. */
    boolean workPending() {
        if (scheduler.isBusy()) {
            return true;
        }
        for (ModelLane lane : lanes.values()) {
            if (lane.model() != null && lane.hasQueuedWork()) {
                return true;
            }
        }
        return false;
    }

    /** Photos were added to the library: the main lane captions them. */
    void photosAdded(List<PhotoItem> added) {
        mainLane.enqueue(added, false);
    }

    private void updateStatuses() {
        for (ModelLane lane : lanes.values()) {
            if (lane != main) {
                updateStatus(lane);
            }
        }
    }

    /** "Comparing with 'lstm': 4 of 9 photos" / "Compared with 'lstm' (mobilenet-v2, lstm)"; empty without a model. */
    private void updateStatus(ModelLane lane) {
        ModelInfo info = lane.model();
        if (info == null) {
            if (!lane.isLoading()) {
                lane.setStatus("");
            }
            working.get(lane.id()).set(lane.isLoading());
            return;
        }
        int done = 0;
        int total = 0;
        for (PhotoItem item : items) {
            if (item.status() == PhotoStatus.DONE) {
                total++;
                if (item.result(lane.id()).generation() == lane.generation()) {
                    done++;
                }
            }
        }
        working.get(lane.id()).set(done < total || lane.isLoading());
        lane.setStatus(done < total
                ? "Comparing with '" + info.name() + "': " + Formats.count(done) + " of " + Formats.photos(total)
                : "Compared with '" + info.name() + "' (" + info.encoderId() + ", " + info.cell() + ")");
    }

    /** Any other lane: results beside the main model's, a status line. */
    private final class OtherListener implements ModelLane.Listener {

        @Override
        public boolean needsWork(ModelLane lane, PhotoItem item) {
            ModelResult result = item.result(lane.id());
            return item.status() == PhotoStatus.DONE && result.generation() != lane.generation() && !result.failed();
        }

        @Override
        public void preparing(ModelLane lane, Path dir, String text) {
            if (!closed) {
                lane.setStatus("Loading " + LaneTexts.noun(lane.id()) + " '" + Formats.nameOf(dir) + "': " + text);
            }
        }

        @Override
        public void loaded(ModelLane lane, ModelInfo previous, ModelInfo info) {
            lane.nextGeneration();
            for (PhotoItem item : items) {
                item.setResult(lane.id(), ModelResult.NONE);
            }
            LOG.info("Model '{}' loaded into lane {} from {}", info.name(), lane.id(), info.directory());
            ModelInfo mainModel = main.model();
            notices.info("Comparing with model '" + info.name() + "' (" + info.encoderId() + ", " + info.cell() + ")"
                    + (mainModel != null && Objects.equals(mainModel.encoderId(), info.encoderId())
                    ? ": same encoder, so the cached image features are reused."
                    : ": another encoder, so every photo is encoded again for it."));
            retainFeatures();
            requeueOtherLanes();
            lanesChanged.accept(lane.id());
        }

        @Override
        public void loadFailed(ModelLane lane, Path dir, Throwable error) {
            LaneTexts.loadFailed(notices, lane, dir, error);
            updateStatus(lane);
        }

        @Override
        public void captioned(ModelLane lane, ModelLane.Queued queued, long generation, ModelLane.Decoded result) {
            PhotoItem item = queued.item();
            item.setResult(lane.id(), item.result(lane.id()).withCaptions(result.captions(), generation, result.guidance()));
            if (generation != lane.generation()) {
                lane.offer(item);
            }
            updateStatus(lane);
        }

        @Override
        public void failed(ModelLane lane, ModelLane.Queued queued, Throwable error) {
            PhotoItem item = queued.item();
            LOG.warn("The {} could not caption '{}'", LaneTexts.noun(lane.id()), item.path(), error);
            item.setResult(lane.id(), ModelResult.failed(LaneTexts.failure(item, error)));
            updateStatus(lane);
        }
    }

    // ------------------------------------------------------------------ properties

    public BatchProgress batch() {
        return batch.progress();
    }

    /** How the last batch ended, e.g. "Captioned 1,000 photos in 2:03 (8.1 photos/s)."; empty while one runs. */
    public ReadOnlyStringProperty batchSummaryProperty() {
        return batch.summaryProperty();
    }

    void clearBatchSummary() {
        batch.clearSummary();
    }

    /** Closes every model (once the task in flight, if any, is done). Never waits for model work. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        mainLane.close();
        closed = true;
        scheduler.close();
        lanes.values().forEach(ModelLane::close);
    }
}
