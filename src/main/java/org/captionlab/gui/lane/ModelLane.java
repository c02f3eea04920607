package org.captionlab.gui.lane;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.model.Manifest;
import org.captionlab.service.Captioner;
import org.captionlab.service.GuidedCaptions;
import org.captionlab.service.Guidance;
import org.captionlab.service.ModelInfo;
import org.captionlab.util.ProgressListener;

/**
 * One lane: a loaded caption model with its slot, its queue of photos, its decoding generation and the
 * epoch that makes its late results stale. What the results mean (photo status, batch counts, status
 * texts) is the {@link Listener}'s business; the lane only hands {@link LaneScheduler.Job}s to the
 * scheduler and reports back. UI thread only, except the jobs' work.
 */
public final class ModelLane implements LaneScheduler.Source, AutoCloseable {

    /** What a caption job brings back: the encoding, the captions and how the labels guided them. */
    public record Decoded(EncodedImage encoded, List<Caption> captions, Guidance guidance) {
    }

    /** A photo waiting in the lane's queue; {@code batchId} is the batch it counts in, or -1. */
    public record Queued(PhotoItem item, long batchId) {
    }

    /** Decides what the lane's work means. All calls on the UI thread. */
    public interface Listener {
        /** Whether the photo needs this lane's work now (asked again when it leaves the queue). */
        boolean needsWork(ModelLane lane, PhotoItem item);

        /** The batch that photos taken from the back of the queue count in (-1: none). */
        default long currentBatch(ModelLane lane) {
            return -1;
        }

        /** A queued photo left the queue without work (it no longer needed any). */
        default void skipped(ModelLane lane, Queued queued) {
        }

        /** The lane ran out of work. */
        default void idle(ModelLane lane) {
        }

        /** A text on the progress of opening a model ("Downloading encoder weights: 1.2 / 3.4 MB"). */
        void preparing(ModelLane lane, Path dir, String text);

        void loaded(ModelLane lane, ModelInfo previous, ModelInfo info);

        void loadFailed(ModelLane lane, Path dir, Throwable error);

        /** The photo is captioned; the captions come from the settings of {@code generation}. */
        void captioned(ModelLane lane, Queued queued, long generation, Decoded result);

        void failed(ModelLane lane, Queued queued, Throwable error);
    }

    /** Opens a bundle with a progress listener that reaches the UI thread (see {@link PreparationProgress}). */
    @FunctionalInterface
    public interface ProgressFactory {
        ProgressListener create(java.util.function.Consumer<String> show);
    }

    private final LaneId id;
    private final CaptionerFactory captioners;
    private final Supplier<DecodeOptions> decoding;
    private final Function<PhotoItem, Manifest.Guide> guide;
    private final ProgressFactory progress;
    private final Listener listener;
    private final CaptionerSlot slot = new CaptionerSlot();
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Deque<Queued> urgent = new ArrayDeque<>();
    private final LinkedHashSet<PhotoItem> queued = new LinkedHashSet<>();
    private Path pending;
    /** The model being opened now, for its progress reports. */
    private Path loading;
    private long generation;
    /** The photos being captioned now. */
    private final Set<PhotoItem> inFlight = new HashSet<>();
    /** Photos the loaded captioner encodes at once with profit ({@link Captioner#parallelism()}). */
    private volatile int parallelism = 1;
    /** Runs a group's other photos beside the worker thread of the job; made on first use. */
    private ExecutorService groupPool;

    /**
     * @param decoding the decoding settings, read when a photo's job is made
     * @param guide    the label guidance for a photo (null: unguided), read when its job is made
     */
    public ModelLane(LaneId id, CaptionerFactory captioners, Supplier<DecodeOptions> decoding,
                     Function<PhotoItem, Manifest.Guide> guide, ProgressFactory progress, Listener listener) {
        this.id = Objects.requireNonNull(id, "id");
        this.captioners = Objects.requireNonNull(captioners, "captioners");
        this.decoding = Objects.requireNonNull(decoding, "decoding");
        this.guide = Objects.requireNonNull(guide, "guide");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public LaneId id() {
        return id;
    }

    /** The loaded model, or null. */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ModelInfo model() {
        return model.get();
    }

    /** The lane's status line, set by its listener. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void setStatus(String text) {
        status.set(text);
    }

    /** The decoding generation: results of an older one are stale. */
    public long generation() {
        return generation;
    }

    /** New decoding settings (or a new model): every result so far is stale. */
    public void nextGeneration() {
        generation++;
    }

    /** The model to open next; the scheduler runs it before any photo work. */
    public void requestLoad(Path dir) {
        pending = dir;
    }

    /** True while a model is waiting to be opened or being opened. */
    public boolean isLoading() {
        return pending != null || loading != null;
    }

    public Path pendingLoad() {
        return pending;
    }

    /** Forgets a model waiting to be opened. */
    public void cancelPendingLoad() {
        pending = null;
    }

    /** Queues a photo at the back; false when it is queued already. */
    public boolean offer(PhotoItem item) {
        if (queued.contains(item) || isUrgent(item)) {
            return false;
        }
        queued.add(item);
        return true;
    }

    /** Moves a photo to the front; returns the batch it counted in (-1: none). */
    public long prioritise(PhotoItem item) {
        long batch = queued.remove(item) ? listener.currentBatch(this) : -1;
        Iterator<Queued> it = urgent.iterator();
        while (it.hasNext()) {
            Queued q = it.next();
            if (q.item() == item) {
                batch = Math.max(batch, q.batchId());
                it.remove();
            }
        }
        urgent.addFirst(new Queued(item, batch));
        return batch;
    }

    private boolean isUrgent(PhotoItem item) {
        for (Queued q : urgent) {
            if (q.item() == item) {
                return true;
            }
        }
        return false;
    }

    public boolean isQueued(PhotoItem item) {
        return queued.contains(item) || isUrgent(item);
    }

    /** The photos waiting at the back of the queue (for a cancelled batch to reset them). */
    public List<PhotoItem> queuedPhotos() {
        return List.copyOf(queued);
    }

    /** Empties the back of the queue and detaches the urgent photos from any batch. */
    public void clearQueue(boolean keepUrgent) {
        queued.clear();
        List<Queued> keep = keepUrgent ? List.copyOf(urgent) : List.of();
        urgent.clear();
        keep.forEach(q -> urgent.add(new Queued(q.item(), -1)));
    }

    public boolean hasQueuedWork() {
        return !urgent.isEmpty() || !queued.isEmpty();
    }

    @Override
    public LaneScheduler.Job<?> preparation() {
        if (pending == null) {
            return null;
        }
        Path dir = pending;
        pending = null;
        loading = dir;
        ProgressListener listen = progress.create(text -> {
            // A newer request, or the end of this load, makes late reports meaningless.
            if (loading == dir && pending == null) {
                listener.preparing(this, dir, text);
            }
        });
        return new LaneScheduler.Job<>("open model " + dir, () -> open(dir, listen), info -> {
            loading = null;
            ModelInfo previous = model.get();
            model.set(info);
            listener.loaded(this, previous, info);
        }, error -> {
            loading = null;
            listener.loadFailed(this, dir, error);
        });
    }

    /** Worker thread: opens a model bundle and puts it into the slot; returns what the UI shows of it. */
    private ModelInfo open(Path dir, ProgressListener listen) throws Exception {
        Captioner captioner = captioners.open(dir, listen);
        ModelInfo info;
        try {
            info = captioner.model();
        } catch (RuntimeException e) {
            captioner.close();
            throw e;
        }
        parallelism = Math.max(1, captioner.parallelism());
        slot.replace(captioner);
        return info;
    }

    @Override
    public LaneScheduler.Job<?> next() {
        if (model.get() == null || loading != null) {
            return null;
        }
        boolean urgentFirst = !urgent.isEmpty();
        Queued next = poll();
        if (next == null) {
            listener.idle(this);
            return null;
        }
        List<Queued> group = new ArrayList<>(List.of(next));
        // Photos from the back of the queue are captioned several at once when the model encodes in parallel
        // (one interpreter per core); an urgent photo (the one the user selected) goes alone, so it comes first.
        if (urgentFirst || !urgent.isEmpty() || parallelism <= 1) {
            inFlight.add(next.item());
            return captionJob(next);
        }
        while (group.size() < parallelism && urgent.isEmpty()) {
            Queued more = pollQueued();
            if (more == null) {
                break;
            }
            group.add(more);
        }
        for (Queued q : group) {
            inFlight.add(q.item());
        }
        return group.size() == 1 ? captionJob(next) : groupJob(group);
    }

    /** The next photo from the back of the queue that needs work, or null. */
    private Queued pollQueued() {
        Iterator<PhotoItem> it = queued.iterator();
        while (it.hasNext()) {
            PhotoItem item = it.next();
            it.remove();
            Queued q = new Queued(item, listener.currentBatch(this));
            if (listener.needsWork(this, item)) {
                return q;
            }
            listener.skipped(this, q);
        }
        return null;
    }

    private Queued poll() {
        Queued q;
        while ((q = urgent.poll()) != null) {
            if (listener.needsWork(this, q.item())) {
                return q;
            }
            listener.skipped(this, q);
        }
        return pollQueued();
    }

    private LaneScheduler.Job<Decoded> captionJob(Queued q) {
        PhotoItem item = q.item();
        String encoderId = model.get().encoderId();
        EncodedImage cached = item.feature(encoderId);
        DecodeOptions options = decoding.get();
        Manifest.Guide photoGuide = guide.apply(item);
        long gen = generation;
        Path path = item.path();
        return new LaneScheduler.Job<>("caption " + item.fileName(), () -> slot.use(captioner -> {
            EncodedImage encoded = cached != null ? cached : captioner.encode(path);
            GuidedCaptions captions = captioner.decode(encoded, options, photoGuide);
            return new Decoded(encoded, captions.captions(), captions.guidance());
        }), decoded -> {
            inFlight.remove(item);
            item.putFeature(encoderId, decoded.encoded());
            listener.captioned(this, q, gen, decoded);
        }, error -> {
            inFlight.remove(item);
            listener.failed(this, q, error);
        });
    }

    /** One photo of a group: what was decoded, or why it failed. */
    private record Outcome(Queued queued, Decoded decoded, Throwable error) {
    }

    /** Captions a group of photos at once (one per core); each result is delivered as a lone photo's would be. */
    private LaneScheduler.Job<List<Outcome>> groupJob(List<Queued> group) {
        String encoderId = model.get().encoderId();
        DecodeOptions options = decoding.get();
        List<EncodedImage> cached = new ArrayList<>();
        List<Manifest.Guide> guides = new ArrayList<>();
        for (Queued q : group) {
            cached.add(q.item().feature(encoderId));
            guides.add(guide.apply(q.item()));
        }
        long gen = generation;
        ExecutorService pool = groupPool();
        return new LaneScheduler.Job<>("caption " + group.size() + " photos from " + group.get(0).item().fileName(),
                () -> slot.use(captioner -> {
                    List<Future<Outcome>> futures = new ArrayList<>();
                    for (int i = 1; i < group.size(); i++) {
                        int k = i;
                        futures.add(pool.submit(() -> captionOne(captioner, group.get(k), cached.get(k), options,
                                guides.get(k))));
                    }
                    List<Outcome> out = new ArrayList<>();
                    out.add(captionOne(captioner, group.get(0), cached.get(0), options, guides.get(0)));
                    for (Future<Outcome> f : futures) {
                        out.add(f.get());
                    }
                    return out;
                }), outcomes -> {
                    for (Outcome o : outcomes) {
                        PhotoItem item = o.queued().item();
                        inFlight.remove(item);
                        if (o.error() != null) {
                            listener.failed(this, o.queued(), o.error());
                        } else {
                            item.putFeature(encoderId, o.decoded().encoded());
                            listener.captioned(this, o.queued(), gen, o.decoded());
                        }
                    }
                }, error -> {
                    for (Queued q : group) {
                        inFlight.remove(q.item());
                        listener.failed(this, q, error);
                    }
                });
    }

    private static Outcome captionOne(Captioner captioner, Queued q, EncodedImage cached, DecodeOptions options,
                                      Manifest.Guide photoGuide) {
        try {
            EncodedImage encoded = cached != null ? cached : captioner.encode(q.item().path());
            GuidedCaptions captions = captioner.decode(encoded, options, photoGuide);
            return new Outcome(q, new Decoded(encoded, captions.captions(), captions.guidance()), null);
        } catch (Exception e) {
            return new Outcome(q, null, e);
        }
    }

    private synchronized ExecutorService groupPool() {
        if (groupPool == null) {
            AtomicInteger n = new AtomicInteger();
            groupPool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "lane-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return groupPool;
    }

    /**
     * Runs {@code use} with the lane's loaded model on the calling worker thread (never the UI thread), for
     * work beside the lane's own queue (the Physical layer view's simulated photos).
     *
     * @throws Exception when no model is loaded, or what {@code use} throws
     */
    public <T> T useModel(CaptionerSlot.Use<T> use) throws Exception {
        return slot.use(use);
    }

    /** True while the photo is being captioned by this lane. */
    public boolean isInFlight(PhotoItem item) {
        return inFlight.contains(item);
    }

    /**
     * Forgets the model: call on a worker thread (it waits for a worker inside the captioner); the lane can
     * load another model afterwards.
     */
    public void clearModelInBackground() {
        slot.clear();
    }

    /** Forgets the loaded model on the UI thread (the captioner is released by {@link #clearModelInBackground}). */
    public void forgetModel() {
        model.set(null);
        queued.clear();
        urgent.clear();
        pending = null;
        inFlight.clear();
    }

    /** Closes the captioner now, or as soon as the worker inside it is done. Never waits. */
    @Override
    public void close() {
        slot.close();
        synchronized (this) {
            if (groupPool != null) {
                groupPool.shutdownNow();
            }
        }
    }
}
