package org.captionlab.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import org.captionlab.gui.decoding.DecodingViewModel;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.lane.ModelLane;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.ModelResult;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.notice.Notices;
import org.captionlab.service.EncoderUnavailableException;
import org.captionlab.service.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main model's lane and what its results mean: the photo's status, the batch with its progress and
 * failure notices, the selected photo first, a re-decode from cached features when the settings change.
 * UI thread only.
 */
final class MainLane implements ModelLane.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(MainLane.class);

    private final ModelLane lane;
    private final Notices notices;
    private final DecodingViewModel decoding;
    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final BatchRun batch;
    private final Runnable pump;
    private final Consumer<PhotoItem> captioned;
    private final Runnable modelChanged;
    private final ReadOnlyObjectWrapper<ModelState> state = new ReadOnlyObjectWrapper<>(this, "state", ModelState.NONE);
    /** The model folder whose encoder could not be opened (File → Locate encoder weights… loads it again), or null. */
    private final ReadOnlyObjectWrapper<Path> waitingForEncoder = new ReadOnlyObjectWrapper<>(this, "waitingForEncoder");
    private boolean closed;

    /**
     * @param pump         asks the scheduler to start the next task
     * @param captioned    a photo got the main model's captions (other lanes may caption it now)
     * @param modelChanged a model was loaded into the lane
     */
    MainLane(CaptionerFactory captioners, ModelLane.ProgressFactory progress, Notices notices, DecodingViewModel decoding,
             ObservableList<PhotoItem> items, ObjectProperty<PhotoItem> selected, BatchRun batch, Runnable pump,
             Consumer<PhotoItem> captioned, Runnable modelChanged) {
        // A photo the user took out of guidance is captioned unguided whatever the decoding settings say.
        this.lane = new ModelLane(LaneId.MAIN, captioners, decoding::options,
                item -> item.unguidedProperty().get() ? null : decoding.guide(), progress, this);
        this.notices = notices;
        this.decoding = decoding;
        this.items = items;
        this.selected = selected;
        this.batch = batch;
        this.pump = pump;
        this.captioned = captioned;
        this.modelChanged = modelChanged;
        lane.setStatus("No caption model loaded.");
    }

    ModelLane lane() {
        return lane;
    }

    ReadOnlyObjectProperty<ModelState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ModelState state() {
        return state.get();
    }

    /** The model folder that loaded but whose encoder weights are missing or unusable; null otherwise. */
    ReadOnlyObjectProperty<Path> waitingForEncoderProperty() {
        return waitingForEncoder.getReadOnlyProperty();
    }

    /** Opens a model in the background; photos wait for it. */
    void load(Path dir) {
        lane.requestLoad(dir);
        state.set(ModelState.LOADING);
        lane.setStatus("Loading model '" + Formats.nameOf(dir) + "' …");
        pump.run();
    }

    private boolean needsMainWork(PhotoItem item) {
        ModelInfo info = lane.model();
        return info == null || item.feature(info.encoderId()) == null || item.status() != PhotoStatus.DONE
                || item.decodedGeneration() != lane.generation();
    }

    /** Moves a photo to the front of the queue (the user is looking at it). Failed photos are not retried. */
    void prioritise(PhotoItem item) {
        if (closed || lane.isInFlight(item) || !needsMainWork(item) || item.status() == PhotoStatus.FAILED
                || state.get() == ModelState.FAILED) {
            return;
        }
        lane.prioritise(item);
        if (item.status() == PhotoStatus.PENDING) {
            item.setStatus(PhotoStatus.QUEUED);
        }
        pump.run();
    }

    /**
     * Decodes one captioned photo again from its cached features (its own settings changed: label guidance
     * turned off or on for it); a photo not captioned yet gets the new setting when its turn comes.
     */
    void redo(PhotoItem item) {
        if (item.status() != PhotoStatus.DONE) {
            return;
        }
        ModelResult r = item.result(LaneId.MAIN);
        // Generation -1: no longer the current settings' result, so the lane takes it again.
        item.setResult(LaneId.MAIN, r.withCaptions(r.captions(), -1, r.guidance()));
        item.staleProperty().set(true);
        prioritise(item);
    }

    /** Queues photos for the background batch (joining the running one, or starting one). */
    void enqueue(Collection<PhotoItem> photos, boolean retryFailed) {
        if (state.get() == ModelState.FAILED) {
            return; // nothing could caption them; they are queued once a model loads
        }
        int[] added = {0};
        batch.bulk(() -> {
            for (PhotoItem item : photos) {
                if (lane.isInFlight(item) || !needsMainWork(item) || lane.isQueued(item)
                        || (item.status() == PhotoStatus.FAILED && !retryFailed)) {
                    continue;
                }
                lane.offer(item);
                added[0]++;
                if (item.status() != PhotoStatus.DONE) {
                    item.setStatus(PhotoStatus.QUEUED);
                }
            }
        });
        batch.added(added[0]);
        pump.run();
    }

    /** Captions every photo that has no up-to-date caption, retrying failed ones. */
    void captionAll() {
        if (state.get() == ModelState.FAILED || state.get() == ModelState.NONE) {
            notices.warning("No caption model is loaded: open one with File → Open model….");
            return;
        }
        enqueue(items, true);
    }

    /** Stops the batch: queued photos go back to "not captioned"; the photo in flight finishes. */
    void cancelBatch() {
        if (!batch.progress().isRunning()) {
            return;
        }
        for (PhotoItem item : lane.queuedPhotos()) {
            if (item.status() == PhotoStatus.QUEUED) {
                item.setStatus(PhotoStatus.PENDING);
            }
        }
        lane.clearQueue(true);
        batch.cancel();
    }

    /** Queues the captioned photos again (marked stale, or reset when the encoder changed), the selected first. */
    void redoCaptioned(boolean sameEncoder) {
        List<PhotoItem> redo = new ArrayList<>();
        for (PhotoItem item : items) {
            if (item.status() == PhotoStatus.DONE) {
                redo.add(item);
                if (sameEncoder) {
                    item.staleProperty().set(true);
                } else {
                    item.resetModelResults();
                }
            }
        }
        PhotoItem sel = selected.get();
        if (sel != null) {
            prioritise(sel);
        }
        enqueue(redo, false);
    }

    @Override
    public boolean needsWork(ModelLane l, PhotoItem item) {
        return needsMainWork(item);
    }

    @Override
    public long currentBatch(ModelLane l) {
        return batch.progress().currentId();
    }

    @Override
    public void skipped(ModelLane l, ModelLane.Queued queued) {
        batch.progress().completed(queued.batchId(), true);
    }

    @Override
    public void idle(ModelLane l) {
        batch.finishIfRunning();
    }

    @Override
    public void preparing(ModelLane l, Path dir, String text) {
        if (!closed) {
            lane.setStatus("Loading model '" + Formats.nameOf(dir) + "': " + text);
        }
    }

    @Override
    public void loaded(ModelLane l, ModelInfo previous, ModelInfo info) {
        waitingForEncoder.set(null);
        decoding.setRecommended(info.recommended());
        decoding.setRecommendedGuide(info.guide());
        if (lane.pendingLoad() == null) {
            state.set(ModelState.READY);
            lane.setStatus(LaneTexts.ready(info));
        }
        LOG.info("Model '{}' loaded from {}", info.name(), info.directory());
        modelChanged.run();
        if (previous == null) {
            // Photos added while no model could be loaded waited as "not captioned".
            enqueue(items.stream().filter(i -> i.status() == PhotoStatus.PENDING).toList(), false);
        } else {
            lane.nextGeneration();
            redoCaptioned(Objects.equals(previous.encoderId(), info.encoderId()));
        }
    }

    @Override
    public void loadFailed(ModelLane l, Path dir, Throwable error) {
        EncoderUnavailableException encoder = LaneTexts.encoderUnavailable(error);
        if (encoder != null) {
            LaneTexts.encoderFailed(notices, lane, encoder);
            waitingForEncoder.set(dir);
            if (lane.model() == null) {
                // The model itself is fine: its recommended decoding stays in force for when the encoder is found.
                decoding.setRecommended(encoder.recommended());
                decoding.setRecommendedGuide(encoder.guide());
            }
        } else {
            LaneTexts.loadFailed(notices, lane, dir, error);
        }
        if (lane.pendingLoad() == null) {
            if (lane.model() != null) {
                state.set(ModelState.READY);
                lane.setStatus(LaneTexts.ready(lane.model()));
            } else {
                state.set(ModelState.FAILED);
                lane.setStatus(encoder != null ? LaneTexts.waitingForEncoder(encoder)
                        : "No caption model loaded (File → Open model…).");
                cancelBatch();
            }
        }
    }

    @Override
    public void captioned(ModelLane l, ModelLane.Queued queued, long generation, ModelLane.Decoded result) {
        PhotoItem item = queued.item();
        item.setLabels(result.encoded().labels());
        item.setCaptions(result.captions(), generation, result.guidance());
        boolean stale = generation != lane.generation();
        item.staleProperty().set(stale);
        batch.progress().completed(queued.batchId(), true);
        captioned.accept(item);
        if (stale) {
            // Settings changed while this photo was decoded: do it again with the new ones.
            if (item == selected.get()) {
                prioritise(item);
            } else {
                enqueue(List.of(item), false);
            }
        }
    }

    @Override
    public void failed(ModelLane l, ModelLane.Queued queued, Throwable error) {
        PhotoItem item = queued.item();
        String reason = LaneTexts.failure(item, error);
        LOG.warn("Captioning '{}' failed", item.path(), error);
        item.setFailed(reason);
        batch.failed(queued.batchId(), reason);
    }

    void close() {
        cancelBatch();
        closed = true;
    }
}
