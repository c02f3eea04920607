package org.captionlab.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.data.ImageCaptions;
import org.captionlab.gui.decoding.DecodingViewModel;
import org.captionlab.gui.detail.PhotoDetailViewModel;
import org.captionlab.gui.export.CaptionExporter;
import org.captionlab.gui.export.ExportScope;
import org.captionlab.gui.export.PhotoRecord;
import org.captionlab.gui.export.TextFilePolicy;
import org.captionlab.gui.inspect.InspectionViewModel;
import org.captionlab.gui.inspect.ReferenceLoader;
import org.captionlab.gui.inspect.References;
import org.captionlab.gui.inspect.Scorer;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.notice.Notice;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.project.Autosaver;
import org.captionlab.gui.project.PhotoEntry;
import org.captionlab.gui.project.Project;
import org.captionlab.gui.project.ProjectStore;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.training.ModelReportViewModel;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.image.ImageLoadException;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.ModelInfo;
import org.captionlab.util.AtomicFiles;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's state and actions, with no JavaFX nodes: testable without a display.
 *
 * <p><b>Threads.</b> Every method is called on the UI thread, and every field is touched only there.
 * Model work (open a bundle, encode, decode) runs in {@link BackgroundTask}s on the injected
 * {@link TaskExecutor}, whose callbacks come back on the UI thread and only set properties.
 *
 * <p><b>Model work queue.</b> At most one model task is in flight at a time, so the {@code Captioner}
 * is never used concurrently whatever the executor's size. The next task is chosen when the previous
 * one reports back: a pending model load first, then the photo the user selected, then the batch queue
 * in order. So a click on a photo waits for at most one photo of a running batch.
 *
 * <p><b>Encode once.</b> Each photo keeps its {@link EncodedImage}; a change of decoding settings bumps a
 * generation counter and re-decodes from the cached feature (the selected photo first, the other
 * captioned ones in the background). Only a model with another encoder drops the features.
 */
public final class MainViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    /** How long after a change the project and settings are written. */
    public static final Duration DEFAULT_AUTOSAVE_DELAY = Duration.ofSeconds(2);
    /** Shortest interval between two progress texts of a model's preparation. */
    static final long PROGRESS_INTERVAL_MS = 100;
    /** Shortest time between two scoring passes while a batch runs. */
    static final Duration MIN_SCORING_INTERVAL = Duration.ofSeconds(1);
    /** Failures reported one by one per batch; further ones share a single summary notice. */
    static final int FAILURE_NOTICES_PER_BATCH = 3;

    private final CaptionerFactory captioners;
    private final TaskExecutor executor;
    private final FileDialogs dialogs;
    private final ClipboardSource clipboard;
    private final Path stateDir;
    private final Clock clock;

    private final Notices notices = new Notices();
    private final DecodingViewModel decoding;
    private final PhotoDetailViewModel detail = new PhotoDetailViewModel();
    private final BatchProgress batch;
    private final ObservableList<PhotoItem> items = FXCollections.observableArrayList();
    private final ObservableList<PhotoItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final Map<Path, PhotoItem> byPath = new HashMap<>();
    private final ObjectProperty<PhotoItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<ModelState> modelState = new ReadOnlyObjectWrapper<>(this, "modelState", ModelState.NONE);
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper modelStatus = new ReadOnlyStringWrapper(this, "modelStatus", "No caption model loaded.");
    private final ReadOnlyStringWrapper libraryStatus = new ReadOnlyStringWrapper(this, "libraryStatus", "");
    private final ReadOnlyStringWrapper batchSummary = new ReadOnlyStringWrapper(this, "batchSummary", "");
    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>(this, "projectFile");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "CaptionLab");
    private final InspectionViewModel inspection;
    private final ModelReportViewModel modelReport;

    // References and scores (UI thread only).
    private final ReadOnlyObjectWrapper<References> references = new ReadOnlyObjectWrapper<>(this, "references");
    private final ReadOnlyStringWrapper referencesStatus = new ReadOnlyStringWrapper(this, "referencesStatus", "");
    private boolean scoringInFlight;
    private boolean scoringDirty;
    private long scoringStartedAt;
    private long scoringEndedAt = Long.MIN_VALUE / 2;
    private long scoringTook;
    private int scoringPasses;
    private final ChangeListener<Object> scoringTrigger = (obs, old, now) -> scheduleScoring();

    // Comparison with a second model (its work shares the model work queue, after the main model's).
    private final CaptionerSlot compareSlot = new CaptionerSlot();
    private final ReadOnlyObjectWrapper<ModelInfo> compareModel = new ReadOnlyObjectWrapper<>(this, "compareModel");
    private final ReadOnlyStringWrapper compareStatus = new ReadOnlyStringWrapper(this, "compareStatus", "");
    private final LinkedHashSet<PhotoItem> compareQueue = new LinkedHashSet<>();
    private Path pendingCompare;
    /** The comparison model being opened now (UI thread), for its progress reports. */
    private Path loadingCompare;
    private long compareToken;

    // Export.
    private final ObjectProperty<ExportScope> exportScope = new SimpleObjectProperty<>(this, "exportScope", ExportScope.ALL);

    // Model work queue (UI thread only).
    private final CaptionerSlot slot = new CaptionerSlot();
    private final Deque<Job> urgent = new ArrayDeque<>();
    private final LinkedHashSet<PhotoItem> queued = new LinkedHashSet<>();
    private PhotoItem inFlight;
    private boolean busy;
    private Path pendingModel;
    /** The model being opened now (UI thread), for its progress reports. */
    private Path loadingModel;
    private long generation;
    private int failureNotices;
    private Notice failureSummary;

    // Library counts, kept incrementally so that 10,000 status changes stay linear.
    private final Map<PhotoStatus, Integer> statusCounts = new EnumMap<>(PhotoStatus.class);
    private int editedCount;
    /**
     * Above zero while many photos change status at once (adding or queueing a folder): the status line is
     * then rebuilt once at the end instead of once per photo (1,000 formatted strings and label updates were
     * a measurable part of the FX-thread stall when a large folder was added).
     */
    private int bulkChanges;
    private final ChangeListener<PhotoStatus> statusCounter = (obs, old, now) -> {
        statusCounts.merge(old, -1, Integer::sum);
        statusCounts.merge(now, 1, Integer::sum);
        if (bulkChanges == 0) {
            updateLibraryStatus();
        }
    };
    private final ChangeListener<String> editCounter = (obs, old, now) -> {
        editedCount += (now != null ? 1 : 0) - (old != null ? 1 : 0);
        updateLibraryStatus();
    };
    private final InvalidationListener annotationListener = obs -> projectChanged();

    // Project and settings.
    private final LibraryLoader loader;
    private final ProjectStore store = new ProjectStore();
    private final Autosaver<ProjectSnapshot> projectSaver;
    private final Autosaver<GuiSettings> settingsSaver;
    private GuiSettings settings;
    private boolean projectOnDisk;
    private boolean suppressProjectChanges;
    private String lastSaveError;
    private int scansRunning;
    private Path pasteDir;
    private int pasteCount;
    private boolean closed;

    /** A photo to caption; {@code batchId} is the batch it counts in, or -1. */
    private record Job(PhotoItem item, long batchId) {
    }

    /** What a caption task brings back. */
    private record Outcome(EncodedImage encoded, List<Caption> captions) {
    }

    /** Scores of one scoring pass: the model's captions, the edited ones (or null), the comparison model's. */
    private record ScoreSet(Scorer.Result<PhotoItem> model, Scorer.Result<PhotoItem> edited, Scorer.Result<PhotoItem> compare) {
    }

    /** A project and where to write it, taken on the UI thread. */
    private record ProjectSnapshot(Path file, Project project) {
    }

    /**
     * @param captioners opens model bundles (the service in the app, a fake in tests)
     * @param executor   runs model and file work off the UI thread
     * @param dialogs    native file dialogs
     * @param clipboard  the system clipboard, for Edit → Paste
     * @param stateDir   folder for the app's settings, pasted images and projects of read-only folders
     */
    public MainViewModel(CaptionerFactory captioners, TaskExecutor executor, FileDialogs dialogs,
                         ClipboardSource clipboard, Path stateDir) {
        this(captioners, executor, dialogs, clipboard, stateDir, Clock.systemDefaultZone(), DEFAULT_AUTOSAVE_DELAY);
    }

    /** As above, with the clock used for rates and the autosave delay made explicit (for tests). */
    public MainViewModel(CaptionerFactory captioners, TaskExecutor executor, FileDialogs dialogs,
                         ClipboardSource clipboard, Path stateDir, Clock clock, Duration autosaveDelay) {
        this.captioners = Objects.requireNonNull(captioners, "captioners");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.clipboard = Objects.requireNonNull(clipboard, "clipboard");
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batch = new BatchProgress(clock);
        this.loader = new LibraryLoader(store, this.stateDir);
        this.settings = GuiSettings.load(this.stateDir);
        this.decoding = new DecodingViewModel(settings.decoding());
        this.theme.set(settings.theme());
        for (PhotoStatus s : PhotoStatus.values()) {
            statusCounts.put(s, 0);
        }
        this.projectSaver = new Autosaver<>("captionlab-project-autosave", autosaveDelay,
                snapshot -> store.write(snapshot.file(), snapshot.project()),
                e -> reportSaveError("Could not save the project: " + Formats.reason(e)));
        this.settingsSaver = new Autosaver<>("captionlab-settings-autosave", autosaveDelay,
                s -> s.save(this.stateDir),
                e -> LOG.warn("Could not save the settings to '{}'", this.stateDir, e));

        decoding.optionsProperty().addListener((obs, old, now) -> decodingChanged());
        theme.addListener((obs, old, now) -> updateSettings(settings.withTheme(now == null ? Theme.LIGHT : now)));
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                prioritise(now);
            }
        });
        detail.photoProperty().bind(selected);
        inspection = new InspectionViewModel(readOnlyItems, selected, executor.uiThread());
        modelReport = new ModelReportViewModel(model.getReadOnlyProperty(), compareModel.getReadOnlyProperty(), executor);
        projectFile.addListener((obs, old, now) -> title.set(now == null || now.getParent() == null
                ? "CaptionLab" : "CaptionLab — " + nameOf(now.getParent())));
        updateLibraryStatus();
    }

    // ------------------------------------------------------------------ model

    /** Opens a caption model in the background; photos wait for it. Replaces the current model on success. */
    public void loadModel(Path modelDir) {
        pendingModel = modelDir.toAbsolutePath().normalize();
        modelState.set(ModelState.LOADING);
        modelStatus.set("Loading model '" + nameOf(pendingModel) + "' …");
        pump();
    }

    /** File → Open model… */
    public void openModel() {
        Path initial = settings.lastModelDir() == null ? null : Path.of(settings.lastModelDir()).getParent();
        dialogs.chooseModelFolder(initial).ifPresent(dir -> {
            updateSettings(settings.withLastModelDir(dir));
            loadModel(dir);
        });
    }

    private void startLoad(Path dir) {
        busy = true;
        loadingModel = dir;
        ProgressListener progress = preparationProgress(text -> {
            // A newer request, or the end of this load, makes late reports meaningless.
            if (!closed && loadingModel == dir && pendingModel == null) {
                modelStatus.set("Loading model '" + nameOf(dir) + "': " + text);
            }
        });
        executor.execute(BackgroundTask.of("load model " + dir, () -> openInto(slot, dir, progress))
                .onSuccess(this::modelLoaded).onFailure(e -> modelFailed(dir, e)));
    }

    /** Worker thread: opens a model bundle and puts it into {@code target}; returns what the UI shows of it. */
    private ModelInfo openInto(CaptionerSlot target, Path dir, ProgressListener progress) throws IOException {
        var captioner = captioners.open(dir, progress);
        ModelInfo info;
        try {
            info = captioner.model();
        } catch (RuntimeException e) {
            captioner.close();
            throw e;
        }
        target.replace(captioner);
        return info;
    }

    /**
     * A listener for a model's preparation (called on the worker thread) that hands a status text, at
     * most every {@link #PROGRESS_INTERVAL_MS} ms and always for the first and last report, to
     * {@code show} on the UI thread: a download reports every 64 KiB, which would flood the UI queue.
     */
    private ProgressListener preparationProgress(Consumer<String> show) {
        AtomicLong lastShown = new AtomicLong(Long.MIN_VALUE);
        return (done, total, message) -> {
            long now = clock.millis();
            long last = lastShown.get();
            boolean edge = done == 0 || (total > 0 && done >= total);
            if (!edge && last != Long.MIN_VALUE && now - last < PROGRESS_INTERVAL_MS) {
                return;
            }
            lastShown.set(now);
            String text = preparationText(done, total, message);
            executor.uiThread().execute(() -> show.accept(text));
        };
    }

    /** "Downloading encoder weights: 1.2 / 3.4 MB" for byte counts; otherwise the message itself. */
    static String preparationText(long done, long total, String message) {
        boolean bytes = message != null && message.startsWith("downloading") && (total > 1 || done > 1);
        if (bytes) {
            return total > 0
                    ? String.format(Locale.ROOT, "Downloading encoder weights: %.1f / %.1f MB", done / 1e6, total / 1e6)
                    : String.format(Locale.ROOT, "Downloading encoder weights: %.1f MB", done / 1e6);
        }
        if (message == null || message.isBlank()) {
            return total > 0 ? Formats.percent((double) done / total) : "…";
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + " …";
    }

    private void modelLoaded(ModelInfo info) {
        busy = false;
        loadingModel = null;
        if (closed) {
            return;
        }
        ModelInfo previous = model.get();
        model.set(info);
        decoding.setRecommended(info.recommended());
        if (pendingModel == null) {
            modelState.set(ModelState.READY);
            modelStatus.set(readyText(info));
        }
        LOG.info("Model '{}' loaded from {}", info.name(), info.directory());
        if (previous == null) {
            // Photos added while no model could be loaded waited as "not captioned".
            enqueue(items.stream().filter(i -> i.status() == PhotoStatus.PENDING).toList(), false);
        } else {
            boolean sameEncoder = Objects.equals(previous.encoderId(), info.encoderId());
            generation++;
            List<PhotoItem> redo = new ArrayList<>();
            for (PhotoItem item : items) {
                if (item.status() == PhotoStatus.DONE) {
                    redo.add(item);
                    if (sameEncoder) {
                        item.staleProperty().set(true);
                    } else {
                        item.resetModelResults();
                    }
                } else if (!sameEncoder) {
                    item.setEncoded(null);
                }
            }
            PhotoItem sel = selected.get();
            if (sel != null) {
                prioritise(sel);
            }
            enqueue(redo, false);
            requeueComparison();
        }
        pump();
    }

    private void modelFailed(Path dir, Throwable error) {
        busy = false;
        loadingModel = null;
        if (closed) {
            return;
        }
        String reason = Formats.reason(error);
        LOG.warn("Could not load the caption model from '{}'", dir, error);
        notices.error(reason.contains(dir.toString()) || reason.contains(nameOf(dir))
                ? "Could not load the caption model: " + reason
                : "Could not load the caption model '" + dir + "': " + reason);
        if (pendingModel == null) {
            if (model.get() != null) {
                modelState.set(ModelState.READY);
                modelStatus.set(readyText(model.get()));
            } else {
                modelState.set(ModelState.FAILED);
                modelStatus.set("No caption model loaded (File → Open model…).");
                cancelBatch();
            }
        }
        pump();
    }

    static String readyText(ModelInfo info) {
        return "Model '" + info.name() + "' ready (" + info.encoderId() + ", " + info.cell() + ", "
                + Formats.count(info.vocabularySize()) + " words)";
    }

    private static String nameOf(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    // ------------------------------------------------------------------ work queue

    /** Starts the next model task if none is in flight. */
    private void pump() {
        if (busy || closed) {
            return;
        }
        if (pendingModel != null) {
            Path dir = pendingModel;
            pendingModel = null;
            startLoad(dir);
            return;
        }
        if (pendingCompare != null) {
            Path dir = pendingCompare;
            pendingCompare = null;
            startCompareLoad(dir);
            return;
        }
        if (modelState.get() != ModelState.READY) {
            return;
        }
        Job job = nextJob();
        if (job != null) {
            startCaption(job);
            return;
        }
        if (batch.isRunning()) {
            finishBatch();
        }
        PhotoItem compare = nextCompareJob();
        if (compare != null) {
            startCompare(compare);
        } else if (scoringDirty && !scoringInFlight) {
            scheduleScoring(); // the pass deferred while photos were being captioned
        }
    }

    private Job nextJob() {
        Job job;
        while ((job = urgent.poll()) != null) {
            if (needsWork(job.item())) {
                return job;
            }
            batch.completed(job.batchId(), true);
        }
        Iterator<PhotoItem> it = queued.iterator();
        while (it.hasNext()) {
            PhotoItem item = it.next();
            it.remove();
            if (needsWork(item)) {
                return new Job(item, batch.currentId());
            }
            batch.completed(batch.currentId(), true);
        }
        return null;
    }

    private boolean needsWork(PhotoItem item) {
        return item.encoded() == null || item.status() != PhotoStatus.DONE || item.decodedGeneration() != generation;
    }

    private void startCaption(Job job) {
        PhotoItem item = job.item();
        busy = true;
        inFlight = item;
        if (item.status() != PhotoStatus.DONE) {
            item.setStatus(PhotoStatus.CAPTIONING);
        }
        EncodedImage cached = item.encoded();
        DecodeOptions options = decoding.options();
        long gen = generation;
        Path path = item.path();
        executor.execute(BackgroundTask.of("caption " + item.fileName(), () -> slot.use(captioner -> {
            EncodedImage encoded = cached != null ? cached : captioner.encode(path);
            return new Outcome(encoded, captioner.decode(encoded.feature(), options));
        })).onSuccess(outcome -> captioned(job, gen, outcome)).onFailure(error -> captionFailed(job, error)));
    }

    private void captioned(Job job, long gen, Outcome outcome) {
        busy = false;
        inFlight = null;
        if (closed) {
            return;
        }
        PhotoItem item = job.item();
        item.setEncoded(outcome.encoded());
        item.setCaptions(outcome.captions(), gen);
        item.staleProperty().set(gen != generation);
        batch.completed(job.batchId(), true);
        if (compareModel.get() != null) {
            compareQueue.add(item);
        }
        if (gen != generation) {
            // Settings changed while this photo was decoded: do it again with the new ones.
            if (item == selected.get()) {
                prioritise(item);
            } else {
                enqueue(List.of(item), false);
            }
        }
        pump();
    }

    private void captionFailed(Job job, Throwable error) {
        busy = false;
        inFlight = null;
        if (closed) {
            return;
        }
        PhotoItem item = job.item();
        String reason = failureText(item, error);
        LOG.warn("Captioning '{}' failed", item.path(), error);
        item.setFailed(reason);
        batch.completed(job.batchId(), false);
        if (job.batchId() >= 0 && job.batchId() == batch.currentId()) {
            if (failureNotices < FAILURE_NOTICES_PER_BATCH) {
                failureNotices++;
                notices.error(reason);
            } else {
                int more = batch.failedProperty().get() - FAILURE_NOTICES_PER_BATCH;
                String text = Formats.count(more) + (more == 1 ? " more photo" : " more photos")
                        + " could not be captioned; failed photos are marked in the grid.";
                failureSummary = failureSummary == null ? notices.error(text) : notices.update(failureSummary, text);
            }
        } else {
            notices.error(reason);
        }
        pump();
    }

    /** One sentence naming the file: image errors already do; others get the file name in front. */
    private static String failureText(PhotoItem item, Throwable error) {
        String reason = Formats.reason(error);
        if (error instanceof ImageLoadException || reason.contains(item.fileName())) {
            return reason;
        }
        return "image '" + item.path() + "': " + reason;
    }

    /** Moves a photo to the front of the queue (the user is looking at it). Failed photos are not retried. */
    private void prioritise(PhotoItem item) {
        if (closed || item == inFlight || !needsWork(item) || item.status() == PhotoStatus.FAILED
                || modelState.get() == ModelState.FAILED) {
            return;
        }
        long batchId = queued.remove(item) ? batch.currentId() : -1;
        Iterator<Job> it = urgent.iterator();
        while (it.hasNext()) {
            Job j = it.next();
            if (j.item() == item) {
                batchId = Math.max(batchId, j.batchId());
                it.remove();
            }
        }
        urgent.addFirst(new Job(item, batchId));
        if (item.status() == PhotoStatus.PENDING) {
            item.setStatus(PhotoStatus.QUEUED);
        }
        pump();
    }

    /** Queues photos for the background batch (joining the running one, or starting one). */
    private void enqueue(Collection<PhotoItem> photos, boolean retryFailed) {
        if (modelState.get() == ModelState.FAILED) {
            return; // nothing could caption them; they are queued once a model loads
        }
        int added = 0;
        bulkChanges++;
        try {
            for (PhotoItem item : photos) {
                if (item == inFlight || !needsWork(item) || queued.contains(item) || isUrgent(item)
                        || (item.status() == PhotoStatus.FAILED && !retryFailed)) {
                    continue;
                }
                queued.add(item);
                added++;
                if (item.status() != PhotoStatus.DONE) {
                    item.setStatus(PhotoStatus.QUEUED);
                }
            }
        } finally {
            bulkChanges--;
        }
        updateLibraryStatus();
        if (added > 0) {
            if (!batch.isRunning()) {
                failureNotices = 0;
                failureSummary = null;
                batchSummary.set("");
            }
            batch.ensureStarted();
            batch.added(added);
        }
        pump();
    }

    private boolean isUrgent(PhotoItem item) {
        for (Job j : urgent) {
            if (j.item() == item) {
                return true;
            }
        }
        return false;
    }

    /** Captions every photo that has no up-to-date caption, retrying failed ones. */
    public void captionAll() {
        if (modelState.get() == ModelState.FAILED || modelState.get() == ModelState.NONE) {
            notices.warning("No caption model is loaded: open one with File → Open model….");
            return;
        }
        enqueue(items, true);
    }

    /** Stops the batch: queued photos go back to "not captioned"; the photo in flight finishes. */
    public void cancelBatch() {
        if (!batch.isRunning()) {
            return;
        }
        for (PhotoItem item : queued) {
            if (item.status() == PhotoStatus.QUEUED) {
                item.setStatus(PhotoStatus.PENDING);
            }
        }
        queued.clear();
        List<Job> keep = new ArrayList<>(urgent);
        urgent.clear();
        keep.forEach(j -> urgent.add(new Job(j.item(), -1)));
        int done = batch.doneProperty().get();
        int total = batch.totalProperty().get();
        batch.finish();
        batchSummary.set("Cancelled after " + Formats.count(done) + " of " + Formats.photos(total) + ".");
    }

    private void finishBatch() {
        int done = batch.doneProperty().get();
        int failed = batch.failedProperty().get();
        double rate = batch.rate();
        Duration took = batch.finish();
        StringBuilder s = new StringBuilder("Captioned ").append(Formats.photos(done - failed))
                .append(" in ").append(Formats.duration(took));
        if (rate > 0) {
            s.append(" (").append(Formats.rate(rate)).append(" photos/s)");
        }
        if (failed > 0) {
            s.append("; ").append(Formats.count(failed)).append(" failed");
        }
        batchSummary.set(s.append('.').toString());
    }

    private void decodingChanged() {
        updateSettings(settings.withDecoding(decoding.rememberedSettings()));
        generation++;
        List<PhotoItem> redo = new ArrayList<>();
        for (PhotoItem item : items) {
            if (item.status() == PhotoStatus.DONE) {
                item.staleProperty().set(true);
                redo.add(item);
            }
        }
        PhotoItem sel = selected.get();
        if (sel != null) {
            prioritise(sel);
        }
        enqueue(redo, false);
        requeueComparison();
    }

    // ------------------------------------------------------------------ comparison

    /** File → Compare with model…: a second model captions the same photos for a side-by-side comparison. */
    public void openCompareModel() {
        Path initial = settings.lastModelDir() == null ? null : Path.of(settings.lastModelDir()).getParent();
        dialogs.chooseModelFolder(initial).ifPresent(dir -> {
            updateSettings(settings.withLastModelDir(dir));
            loadCompareModel(dir);
        });
    }

    /**
     * Opens a second model in the background. It decodes from the main model's cached features when both
     * were trained on the same encoder (same encoder id), and encodes the photos itself otherwise.
     */
    public void loadCompareModel(Path modelDir) {
        if (closed) {
            return;
        }
        pendingCompare = modelDir.toAbsolutePath().normalize();
        compareStatus.set("Loading comparison model '" + nameOf(pendingCompare) + "' …");
        pump();
    }

    private void startCompareLoad(Path dir) {
        busy = true;
        loadingCompare = dir;
        ProgressListener progress = preparationProgress(text -> {
            if (!closed && loadingCompare == dir && pendingCompare == null) {
                compareStatus.set("Loading comparison model '" + nameOf(dir) + "': " + text);
            }
        });
        executor.execute(BackgroundTask.of("load comparison model " + dir, () -> openInto(compareSlot, dir, progress))
                .onSuccess(this::compareModelLoaded).onFailure(e -> compareModelFailed(dir, e)));
    }

    private void compareModelLoaded(ModelInfo info) {
        busy = false;
        loadingCompare = null;
        if (closed) {
            return;
        }
        compareToken++;
        compareModel.set(info);
        compareQueue.clear();
        for (PhotoItem item : items) {
            item.resetCompare();
        }
        LOG.info("Comparison model '{}' loaded from {}", info.name(), info.directory());
        ModelInfo main = model.get();
        notices.info("Comparing with model '" + info.name() + "' (" + info.encoderId() + ", " + info.cell() + ")"
                + (main != null && Objects.equals(main.encoderId(), info.encoderId())
                ? ": same encoder, so the cached image features are reused."
                : ": another encoder, so every photo is encoded again for it."));
        requeueComparison();
        updateCompareStatus();
        scheduleScoring();
        pump();
    }

    private void compareModelFailed(Path dir, Throwable error) {
        busy = false;
        loadingCompare = null;
        if (closed) {
            return;
        }
        LOG.warn("Could not load the comparison model from '{}'", dir, error);
        String reason = Formats.reason(error);
        notices.error(reason.contains(dir.toString()) || reason.contains(nameOf(dir))
                ? "Could not load the comparison model: " + reason
                : "Could not load the comparison model '" + dir + "': " + reason);
        updateCompareStatus();
        pump();
    }

    /** Ends the comparison: the second model is closed and its captions and scores are dropped. */
    public void closeComparison() {
        if (compareModel.get() == null && pendingCompare == null) {
            return;
        }
        pendingCompare = null;
        compareToken++;
        compareModel.set(null);
        compareQueue.clear();
        for (PhotoItem item : items) {
            item.resetCompare();
        }
        executor.execute(BackgroundTask.of("close comparison model", () -> {
            compareSlot.clear();
            return null;
        }));
        updateCompareStatus();
        scheduleScoring();
    }

    private void requeueComparison() {
        if (compareModel.get() == null) {
            return;
        }
        for (PhotoItem item : items) {
            if (item.status() == PhotoStatus.DONE) {
                compareQueue.add(item);
            }
        }
        pump();
    }

    private boolean sameEncoderForComparison() {
        ModelInfo main = model.get();
        ModelInfo other = compareModel.get();
        return main != null && other != null && Objects.equals(main.encoderId(), other.encoderId());
    }

    private boolean needsComparison(PhotoItem item) {
        return compareModel.get() != null && item.status() == PhotoStatus.DONE && item.compareGeneration() != generation
                && item.compareErrorProperty().get() == null && (!sameEncoderForComparison() || item.encoded() != null);
    }

    private PhotoItem nextCompareJob() {
        Iterator<PhotoItem> it = compareQueue.iterator();
        while (it.hasNext()) {
            PhotoItem item = it.next();
            it.remove();
            if (needsComparison(item)) {
                return item;
            }
        }
        return null;
    }

    private void startCompare(PhotoItem item) {
        busy = true;
        boolean same = sameEncoderForComparison();
        EncodedImage shared = item.encoded();
        EncodedImage own = item.compareEncoded();
        DecodeOptions options = decoding.options();
        long gen = generation;
        long token = compareToken;
        Path path = item.path();
        executor.execute(BackgroundTask.of("compare " + item.fileName(), () -> compareSlot.use(captioner -> {
            EncodedImage encoded = same ? shared : own != null ? own : captioner.encode(path);
            return new Outcome(encoded, captioner.decode(encoded.feature(), options));
        })).onSuccess(outcome -> compared(item, same, gen, token, outcome)).onFailure(error -> compareFailed(item, token, error)));
    }

    private void compared(PhotoItem item, boolean same, long gen, long token, Outcome outcome) {
        busy = false;
        if (closed) {
            return;
        }
        if (token == compareToken) {
            if (!same) {
                item.setCompareEncoded(outcome.encoded());
            }
            item.setCompareCaptions(outcome.captions(), gen);
            if (gen != generation) {
                compareQueue.add(item);
            }
            updateCompareStatus();
        }
        pump();
    }

    private void compareFailed(PhotoItem item, long token, Throwable error) {
        busy = false;
        if (closed) {
            return;
        }
        if (token == compareToken) {
            String reason = failureText(item, error);
            LOG.warn("The comparison model could not caption '{}'", item.path(), error);
            item.setCompareFailed(reason);
            updateCompareStatus();
        }
        pump();
    }

    private void updateCompareStatus() {
        ModelInfo info = compareModel.get();
        if (info == null) {
            compareStatus.set(pendingCompare != null ? compareStatus.get() : "");
            return;
        }
        int done = 0;
        int total = 0;
        for (PhotoItem item : items) {
            if (item.status() == PhotoStatus.DONE) {
                total++;
                if (item.compareGeneration() == generation) {
                    done++;
                }
            }
        }
        compareStatus.set(done < total
                ? "Comparing with '" + info.name() + "': " + Formats.count(done) + " of " + Formats.photos(total)
                : "Compared with '" + info.name() + "' (" + info.encoderId() + ", " + info.cell() + ")");
    }

    // ------------------------------------------------------------------ references and scores

    /** File → Load references…: reference captions for the photos, then per-photo scores. */
    public void openReferences() {
        dialogs.chooseReferences(lastFolder()).ifPresent(this::loadReferences);
    }

    /**
     * Reads reference captions in the background (any format the core reads) and matches them to the photos
     * by path, else by file name; replaces references loaded before.
     */
    public void loadReferences(Path annotations) {
        if (closed) {
            return;
        }
        Path file = annotations.toAbsolutePath().normalize();
        referencesStatus.set("Reading references from '" + nameOf(file) + "' …");
        executor.execute(BackgroundTask.of("read references " + file, () -> ReferenceLoader.read(file))
                .onSuccess(this::referencesLoaded)
                .onFailure(error -> {
                    LOG.warn("Could not read references from '{}'", file, error);
                    referencesStatus.set(references.get() == null ? "" : referencesText(references.get()));
                    String reason = Formats.reason(error);
                    notices.error(reason.contains(nameOf(file)) ? "Could not load the references: " + reason
                            : "Could not load the references from '" + file + "': " + reason);
                }));
    }

    private void referencesLoaded(References refs) {
        if (closed) {
            return;
        }
        references.set(refs);
        int byPath = 0;
        int byName = 0;
        int ambiguous = 0;
        for (PhotoItem item : items) {
            switch (applyReferences(item, refs)) {
                case PATH -> byPath++;
                case FILE_NAME -> byName++;
                case AMBIGUOUS -> ambiguous++;
                default -> { }
            }
        }
        int matched = byPath + byName;
        referencesStatus.set(referencesText(refs));
        projectChanged();
        StringBuilder text = new StringBuilder("Loaded references for ").append(Formats.count(matched)).append(" of ")
                .append(Formats.photos(items.size())).append(" from '").append(nameOf(refs.file())).append("' (")
                .append(refs.format()).append(", ").append(Formats.count(refs.images())).append(" images")
                .append(byName > 0 && byPath > 0 ? "; " + Formats.count(byName) + " matched by file name" : "").append(')');
        if (ambiguous > 0) {
            text.append("; ").append(Formats.photos(ambiguous)).append(" left without: their file name appears more than once in the file");
        }
        if (!refs.problems().isEmpty()) {
            text.append("; ").append(Formats.count(refs.problems().size())).append(" rows skipped (first: ")
                    .append(refs.problems().get(0)).append(')');
        }
        if (refs.droppedReferences() > 0) {
            text.append("; ").append(Formats.count(refs.droppedReferences())).append(" references without words ignored");
        }
        text.append('.');
        if (matched == 0 && !items.isEmpty()) {
            notices.warning(text + " No photo matches: the file names no photo of the library by path or file name.");
        } else {
            notices.info(text.toString());
        }
        scheduleScoring();
    }

    private References.MatchKind applyReferences(PhotoItem item, References refs) {
        References.Match match = refs.match(item.path());
        ImageCaptions image = match.image();
        if (image == null) {
            item.setReferences(null, List.of());
        } else {
            item.setReferences(image.imageId(), image.captions());
        }
        return match.kind();
    }

    private String referencesText(References refs) {
        int matched = 0;
        for (PhotoItem item : items) {
            if (item.hasReferences()) {
                matched++;
            }
        }
        return "References: " + Formats.count(matched) + " of " + Formats.photos(items.size());
    }

    /** Forgets the references and all scores. */
    public void clearReferences() {
        if (references.get() == null) {
            return;
        }
        references.set(null);
        referencesStatus.set("");
        projectChanged();
        for (PhotoItem item : items) {
            item.setReferences(null, List.of());
            item.setScores(null, null);
            item.setCompareScores(null);
        }
        inspection.scoresUpdated(null, Map.of(), null, Map.of());
    }

    /**
     * Scores all captioned photos that have references, in the background. CIDEr-D weighs n-grams by
     * document frequencies over the whole set, so any caption change rescores the set. At most one pass runs
     * at a time; changes meanwhile cause one more pass when it ends. While photos are being captioned (by
     * either model), passes are spaced by at least {@link #MIN_SCORING_INTERVAL} and three times the last
     * pass's duration (a pass over 7,000 Flickr8k photos takes about a second, which would otherwise compete
     * with captioning for the processor); when the model work is done, the deferred pass runs.
     */
    private void scheduleScoring() {
        if (closed || references.get() == null) {
            return;
        }
        if (scoringInFlight) {
            scoringDirty = true;
            return;
        }
        long now = clock.millis();
        if (modelWorkPending() && now - scoringEndedAt < Math.max(MIN_SCORING_INTERVAL.toMillis(), 3 * scoringTook)) {
            scoringDirty = true;
            return;
        }
        scoringStartedAt = now;
        scoringInFlight = true;
        scoringDirty = false;
        Map<PhotoItem, String> modelCaptions = new java.util.LinkedHashMap<>();
        Map<PhotoItem, String> finalCaptions = new java.util.LinkedHashMap<>();
        Map<PhotoItem, String> compareCaptions = new java.util.LinkedHashMap<>();
        Map<PhotoItem, List<String>> refs = new HashMap<>();
        boolean anyEdited = false;
        for (PhotoItem item : items) {
            if (!item.hasReferences()) {
                continue;
            }
            // Not the status: captions are set before the status turns DONE, and this runs in between.
            String model = item.modelCaptionProperty().get();
            String compare = item.compareCaptionProperty().get();
            if (model != null || compare != null) {
                refs.put(item, item.references());
            }
            if (model != null) {
                modelCaptions.put(item, model);
                String edited = item.editedCaptionProperty().get();
                anyEdited |= edited != null;
                finalCaptions.put(item, edited != null ? edited : model);
            }
            if (compare != null) {
                compareCaptions.put(item, compare);
            }
        }
        boolean scoreEdited = anyEdited;
        executor.execute(BackgroundTask.of("score " + modelCaptions.size() + " captions", () -> new ScoreSet(
                        Scorer.score(modelCaptions, refs),
                        scoreEdited ? Scorer.score(finalCaptions, refs) : null,
                        Scorer.score(compareCaptions, refs)))
                .onSuccess(this::scoresComputed)
                .onFailure(error -> {
                    scoringInFlight = false;
                    LOG.warn("Scoring the captions failed", error);
                    notices.error("Could not score the captions: " + Formats.reason(error));
                }));
    }

    /** True while captions are being made or wait to be made (the main queue, the comparison queue). */
    private boolean modelWorkPending() {
        return busy || !urgent.isEmpty() || !queued.isEmpty() || (compareModel.get() != null && !compareQueue.isEmpty());
    }

    private void scoresComputed(ScoreSet set) {
        scoringInFlight = false;
        scoringEndedAt = clock.millis();
        scoringTook = scoringEndedAt - scoringStartedAt;
        scoringPasses++;
        if (closed) {
            return;
        }
        for (PhotoItem item : items) {
            CaptionScores edited = set.edited() != null && item.isEdited() ? set.edited().perImage().get(item) : null;
            item.setScores(set.model().perImage().get(item), edited);
            item.setCompareScores(set.compare().perImage().get(item));
        }
        ModelInfo main = model.get();
        ModelInfo other = compareModel.get();
        inspection.scoresUpdated(main == null ? null : main.name(), set.model().corpus(),
                other == null ? null : other.name(), set.compare().corpus());
        if (references.get() != null) {
            referencesStatus.set(referencesText(references.get()));
        }
        if (scoringDirty) {
            scheduleScoring();
        }
    }

    // ------------------------------------------------------------------ export

    /** The photos an export writes, by {@link #exportScopeProperty()}. */
    private List<PhotoRecord> exportRecords() {
        List<PhotoItem> photos = switch (exportScope.get()) {
            case ALL -> items;
            case SHOWN -> inspection.visible();
            case SELECTED -> selected.get() == null ? List.of() : List.of(selected.get());
        };
        List<PhotoRecord> records = new ArrayList<>(photos.size());
        for (PhotoItem item : photos) {
            records.add(PhotoRecord.of(item));
        }
        return records;
    }

    private List<PhotoRecord> recordsOrWarn() {
        List<PhotoRecord> records = exportRecords();
        if (records.isEmpty()) {
            notices.warning(exportScope.get() == ExportScope.SELECTED ? "No photo is selected to export."
                    : "There are no photos to export" + (exportScope.get() == ExportScope.SHOWN ? " (the filters hide them all)." : "."));
        }
        return records;
    }

    /** Export → Captions as CSV…: one row per photo, rank and model, with references, scores and the review. */
    public void exportCsv() {
        List<PhotoRecord> records = recordsOrWarn();
        if (records.isEmpty()) {
            return;
        }
        String main = model.get() == null ? null : model.get().name();
        String other = compareModel.get() == null ? null : compareModel.get().name();
        dialogs.chooseExportFile(lastFolder(), "captions.csv").ifPresent(target -> {
            updateSettings(settings.withLastFolder(target.toAbsolutePath().getParent()));
            executor.execute(BackgroundTask.of("export CSV " + target, () -> CaptionExporter.writeCsv(target, records, main, other))
                    .onSuccess(rows -> notices.info("Exported " + Formats.count(rows) + (rows == 1 ? " row" : " rows") + " for "
                            + Formats.photos(records.size()) + " to '" + target.getFileName() + "'."))
                    .onFailure(error -> exportFailed(target, error)));
        });
    }

    /** Export → COCO results JSON…: the model's best captions as {@code [{"image_id", "caption"}]}. */
    public void exportCocoResults() {
        List<PhotoRecord> records = recordsOrWarn();
        if (records.isEmpty()) {
            return;
        }
        dialogs.chooseExportFile(lastFolder(), "captions_results.json").ifPresent(target -> {
            updateSettings(settings.withLastFolder(target.toAbsolutePath().getParent()));
            executor.execute(BackgroundTask.of("export COCO results " + target, () -> CaptionExporter.writeCoco(target, records))
                    .onSuccess(n -> notices.info("Exported the captions of " + Formats.photos(n) + " as COCO results to '"
                            + target.getFileName() + "'" + (n < records.size() ? " (" + Formats.count(records.size() - n)
                            + " without a caption left out)." : ".")))
                    .onFailure(error -> exportFailed(target, error)));
        });
    }

    /**
     * Export → Captions as .txt beside the photos: {@code photo.jpg} → {@code photo.txt} with the edited or
     * best caption. Existing files are kept unless the user chooses to overwrite them when asked.
     */
    public void exportTextFiles() {
        List<PhotoRecord> records = recordsOrWarn();
        if (records.isEmpty()) {
            return;
        }
        executor.execute(BackgroundTask.of("count caption files", () -> CaptionExporter.countExistingTextFiles(records))
                .onSuccess(existing -> {
                    TextFilePolicy policy = TextFilePolicy.SKIP_EXISTING;
                    if (existing > 0) {
                        long toWrite = records.stream().filter(r -> r.finalCaption() != null).count();
                        Optional<TextFilePolicy> answer = dialogs.askTextFilePolicy(existing, (int) toWrite);
                        if (answer.isEmpty()) {
                            return;
                        }
                        policy = answer.get();
                    }
                    TextFilePolicy chosen = policy;
                    executor.execute(BackgroundTask.of("write caption files", () -> CaptionExporter.writeTextFiles(records, chosen))
                            .onSuccess(this::textFilesWritten));
                })
                .onFailure(error -> notices.error("Could not check the caption files: " + Formats.reason(error))));
    }

    private void textFilesWritten(CaptionExporter.TextResult r) {
        StringBuilder s = new StringBuilder("Wrote ").append(Formats.count(r.written()))
                .append(r.written() == 1 ? " caption file" : " caption files").append(" beside the photos");
        if (r.skippedExisting() > 0) {
            s.append("; kept ").append(Formats.count(r.skippedExisting())).append(" existing")
                    .append(r.skippedExisting() == 1 ? " file" : " files");
        }
        if (r.withoutCaption() > 0) {
            s.append("; ").append(Formats.photos(r.withoutCaption())).append(" without a caption");
        }
        s.append('.');
        if (r.failures().isEmpty()) {
            notices.info(s.toString());
        } else {
            notices.error(s + " " + Formats.count(r.failures().size()) + " could not be written, e.g. " + r.failures().get(0) + ".");
        }
    }

    private void exportFailed(Path target, Throwable error) {
        LOG.warn("Export to '{}' failed", target, error);
        String reason = Formats.reason(error);
        notices.error(reason.contains(target.getFileName().toString()) ? "Could not export: " + reason
                : "Could not export to '" + target + "': " + reason);
    }

    // ------------------------------------------------------------------ library

    /** Adds dropped or opened files and folders (folders recursively); new photos are captioned at once. */
    public void addPaths(List<Path> paths) {
        if (paths.isEmpty() || closed) {
            return;
        }
        List<Path> inputs = List.copyOf(paths);
        scanStarted();
        executor.execute(BackgroundTask.of("scan " + inputs.size() + " paths", () -> loader.scan(inputs))
                .onSuccess(result -> {
                    scanFinished();
                    addLoaded(result, describe(inputs), false);
                })
                .onFailure(error -> {
                    scanFinished();
                    LOG.warn("Scanning {} failed", inputs, error);
                    notices.error("Could not read " + describe(inputs) + ": " + Formats.reason(error));
                }));
    }

    /** File → Open images… */
    public void openImages() {
        List<Path> files = dialogs.chooseImages(lastFolder());
        if (!files.isEmpty()) {
            updateSettings(settings.withLastFolder(files.get(0).toAbsolutePath().getParent()));
            addPaths(files);
        }
    }

    /** File → Open folder… */
    public void openFolder() {
        dialogs.chooseFolder(lastFolder()).ifPresent(folder -> {
            updateSettings(settings.withLastFolder(folder));
            addPaths(List.of(folder));
        });
    }

    /** File → Open project…: replaces the library with the project's photos and edits. */
    public void openProject() {
        dialogs.chooseProjectToOpen(lastFolder()).ifPresent(file -> {
            scanStarted();
            executor.execute(BackgroundTask.of("open project " + file, () -> loader.open(file))
                    .onSuccess(result -> {
                        scanFinished();
                        clearLibrary();
                        addLoaded(result, "project '" + file.getFileName() + "'", true);
                    })
                    .onFailure(error -> {
                        scanFinished();
                        notices.error("Could not open the project: " + Formats.reason(error));
                    }));
        });
    }

    /** File → Save project as…: the project is saved there from now on. */
    public void saveProjectAs() {
        Path current = projectFile.get();
        Path initial = current != null ? current.getParent() : lastFolder();
        dialogs.chooseProjectToSave(initial, "captions.captionlab.json").ifPresent(file -> {
            projectFile.set(file.toAbsolutePath().normalize());
            projectOnDisk = true;
            projectChanged();
            saveProject();
        });
    }

    /** Writes pending project changes now (in the background). */
    public void saveProject() {
        executor.execute(BackgroundTask.of("save project", () -> {
            projectSaver.flush();
            return projectFile.get();
        }).onFailure(e -> reportSaveError("Could not save the project: " + Formats.reason(e))));
    }

    /** Edit → Paste: files from the clipboard, or image data saved as a PNG in this session's folder. */
    public void paste() {
        List<Path> files = clipboard.files();
        if (!files.isEmpty()) {
            addPaths(files);
            return;
        }
        Optional<BufferedImage> image = clipboard.image();
        if (image.isEmpty()) {
            notices.info("The clipboard holds no image and no files to paste.");
            return;
        }
        if (pasteDir == null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(clock.instant());
            pasteDir = stateDir.resolve("pasted").resolve(stamp);
        }
        Path target = pasteDir.resolve(String.format("pasted-%03d.png", ++pasteCount));
        BufferedImage img = image.get();
        executor.execute(BackgroundTask.of("save pasted image", () -> {
            AtomicFiles.write(target, out -> {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            });
            return target;
        }).onSuccess(p -> addPaths(List.of(p)))
                .onFailure(e -> notices.error("Could not save the pasted image to '" + target + "': " + Formats.reason(e))));
    }

    /** Empties the library (after saving its project). */
    public void clearLibrary() {
        cancelBatch();
        batchSummary.set("");
        if (projectFile.get() != null) {
            saveProject();
        }
        selected.set(null);
        urgent.clear();
        queued.clear();
        compareQueue.clear();
        for (PhotoItem item : items) {
            unwatch(item);
        }
        items.clear();
        byPath.clear();
        statusCounts.replaceAll((k, v) -> 0);
        editedCount = 0;
        projectFile.set(null);
        projectOnDisk = false;
        updateLibraryStatus();
        if (references.get() != null) {
            referencesStatus.set(referencesText(references.get()));
            inspection.scoresUpdated(null, Map.of(), null, Map.of());
        }
        updateCompareStatus();
    }

    private void addLoaded(LibraryLoader.Result result, String source, boolean forceProject) {
        if (closed) {
            return;
        }
        if ((projectFile.get() == null || forceProject) && result.projectFile() != null) {
            projectFile.set(result.projectFile());
            projectOnDisk = result.projectExists();
        }
        List<PhotoItem> added = new ArrayList<>();
        int duplicates = 0;
        int restored = 0;
        suppressProjectChanges = true;
        try {
            for (Path p : result.photos()) {
                if (byPath.containsKey(p)) {
                    duplicates++;
                    continue;
                }
                PhotoItem item = new PhotoItem(p);
                if (references.get() != null) {
                    applyReferences(item, references.get());
                }
                PhotoEntry entry = result.annotations().get(p);
                if (entry != null) {
                    apply(item, entry);
                    restored++;
                }
                watch(item);
                byPath.put(p, item);
                added.add(item);
            }
            items.addAll(added);
        } finally {
            suppressProjectChanges = false;
        }
        reportAdded(result, source, added.size(), duplicates, restored);
        if (result.references() != null && references.get() == null) {
            loadReferences(result.references()); // the project's references: the scores come back too
        }
        for (String problem : result.problems().subList(0, Math.min(3, result.problems().size()))) {
            notices.error(problem);
        }
        if (!added.isEmpty()) {
            projectChanged();
            enqueue(added, false);
            if (selected.get() == null) {
                selected.set(added.get(0));
            }
        }
        updateLibraryStatus();
    }

    private void reportAdded(LibraryLoader.Result r, String source, int added, int duplicates, int restored) {
        int skipped = r.skipped();
        List<String> parts = new ArrayList<>();
        if (skipped > 0) {
            parts.add("skipped " + Formats.count(skipped) + (skipped == 1 ? " file that is" : " files that are")
                    + " not an image");
        }
        if (duplicates > 0) {
            parts.add(Formats.count(duplicates) + (duplicates == 1 ? " was" : " were") + " already in the library");
        }
        if (restored > 0) {
            parts.add("restored the edits of " + Formats.photos(restored) + " from the project");
        }
        if (r.missing() > 0) {
            parts.add(Formats.count(r.missing()) + " photos of the project no longer exist");
        }
        String details = parts.isEmpty() ? "" : "; " + String.join("; ", parts);
        if (added > 0) {
            notices.info("Added " + Formats.photos(added) + " from " + source + details + ".");
        } else if (duplicates > 0) {
            notices.info("No new photos in " + source + details + ".");
        } else {
            notices.warning("No images found in " + source + details
                    + " (CaptionLab reads " + String.join(", ", List.of("JPEG", "PNG", "BMP", "GIF")) + ").");
        }
    }

    private static void apply(PhotoItem item, PhotoEntry e) {
        item.editedCaptionProperty().set(e.editedCaption());
        item.verdictProperty().set(e.verdict());
        item.failureCategoryProperty().set(e.failureCategory());
        item.noteProperty().set(e.note());
    }

    private void watch(PhotoItem item) {
        statusCounts.merge(item.status(), 1, Integer::sum);
        if (item.isEdited()) {
            editedCount++;
        }
        item.statusProperty().addListener(statusCounter);
        item.editedCaptionProperty().addListener(editCounter);
        item.editedCaptionProperty().addListener(annotationListener);
        item.verdictProperty().addListener(annotationListener);
        item.failureCategoryProperty().addListener(annotationListener);
        item.noteProperty().addListener(annotationListener);
        item.captionsProperty().addListener(scoringTrigger);
        item.editedCaptionProperty().addListener(scoringTrigger);
        item.compareCaptionsProperty().addListener(scoringTrigger);
    }

    private void unwatch(PhotoItem item) {
        item.statusProperty().removeListener(statusCounter);
        item.editedCaptionProperty().removeListener(editCounter);
        item.editedCaptionProperty().removeListener(annotationListener);
        item.verdictProperty().removeListener(annotationListener);
        item.failureCategoryProperty().removeListener(annotationListener);
        item.noteProperty().removeListener(annotationListener);
        item.captionsProperty().removeListener(scoringTrigger);
        item.editedCaptionProperty().removeListener(scoringTrigger);
        item.compareCaptionsProperty().removeListener(scoringTrigger);
    }

    private void updateLibraryStatus() {
        int n = items.size();
        if (n == 0) {
            libraryStatus.set("No photos: drop photos or folders here, or use File → Open.");
            return;
        }
        StringBuilder s = new StringBuilder(Formats.photos(n));
        s.append(" · ").append(Formats.count(statusCounts.get(PhotoStatus.DONE))).append(" captioned");
        if (editedCount > 0) {
            s.append(" · ").append(Formats.count(editedCount)).append(" edited");
        }
        int failed = statusCounts.get(PhotoStatus.FAILED);
        if (failed > 0) {
            s.append(" · ").append(Formats.count(failed)).append(" failed");
        }
        libraryStatus.set(s.toString());
    }

    private void scanStarted() {
        scansRunning++;
        scanning.set(true);
    }

    private void scanFinished() {
        scansRunning--;
        scanning.set(scansRunning > 0);
    }

    private static String describe(List<Path> inputs) {
        if (inputs.size() == 1) {
            return "'" + nameOf(inputs.get(0)) + "'";
        }
        return Formats.count(inputs.size()) + " dropped items";
    }

    private Path lastFolder() {
        return settings.lastFolder() == null ? null : Path.of(settings.lastFolder());
    }

    // ------------------------------------------------------------------ persistence

    private void projectChanged() {
        Path file = projectFile.get();
        if (suppressProjectChanges || closed || file == null) {
            return;
        }
        Project project = snapshot(file.getParent());
        // A folder that was only browsed gets no project file; the first edit creates it.
        if (!projectOnDisk && !project.isAnnotated()) {
            return;
        }
        projectOnDisk = true;
        projectSaver.submit(new ProjectSnapshot(file, project));
    }

    private Project snapshot(Path dir) {
        List<PhotoEntry> entries = new ArrayList<>(items.size());
        for (PhotoItem item : items) {
            entries.add(new PhotoEntry(ProjectStore.relativize(dir, item.path()), item.editedCaptionProperty().get(),
                    item.verdictProperty().get(), item.failureCategoryProperty().get(), item.noteProperty().get()));
        }
        References refs = references.get();
        return Project.of(entries, refs == null ? null : ProjectStore.relativize(dir, refs.file()));
    }

    /** Called on the autosave thread. */
    private void reportSaveError(String message) {
        executor.uiThread().execute(() -> {
            if (!message.equals(lastSaveError)) {
                lastSaveError = message;
                notices.error(message);
            }
        });
    }

    private void updateSettings(GuiSettings next) {
        if (!next.equals(settings) && !closed) {
            settings = next;
            settingsSaver.submit(next);
        }
    }

    /** Writes pending project and settings changes now, on the calling thread (for tests and shutdown). */
    public void flush() throws IOException {
        projectSaver.flush();
        settingsSaver.flush();
    }

    /**
     * Saves the project and settings and closes the model (once the task in flight, if any, is done).
     * Never waits for model work. Call from {@code Application.stop()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        cancelBatch();
        closed = true;
        projectSaver.close();
        settingsSaver.close();
        slot.close();
        compareSlot.close();
    }

    // ------------------------------------------------------------------ properties

    public Notices notices() {
        return notices;
    }

    public DecodingViewModel decoding() {
        return decoding;
    }

    public PhotoDetailViewModel detail() {
        return detail;
    }

    public BatchProgress batch() {
        return batch;
    }

    /** The photos, in library order. */
    public ObservableList<PhotoItem> items() {
        return readOnlyItems;
    }

    /** The photo shown in the detail pane; selecting one captions it first if needed. */
    public ObjectProperty<PhotoItem> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<ModelState> modelStateProperty() {
        return modelState.getReadOnlyProperty();
    }

    /** The loaded model, or null. */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** "Loading model 'default' …", "Model 'default' ready (mobilenet-v2, rnn, 2,541 words)". */
    public ReadOnlyStringProperty modelStatusProperty() {
        return modelStatus.getReadOnlyProperty();
    }

    /** "1,000 photos · 997 captioned · 12 edited · 3 failed". */
    public ReadOnlyStringProperty libraryStatusProperty() {
        return libraryStatus.getReadOnlyProperty();
    }

    /** How the last batch ended, e.g. "Captioned 1,000 photos in 2:03 (8.1 photos/s)."; empty while one runs. */
    public ReadOnlyStringProperty batchSummaryProperty() {
        return batchSummary.getReadOnlyProperty();
    }

    /** Where the project is saved, or null before photos were added. */
    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    /** True while folders are being scanned. */
    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** For the window title: "CaptionLab — holiday" once a folder's project is open. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Sorting, filtering, histogram and review actions over the library. */
    public InspectionViewModel inspection() {
        return inspection;
    }

    /** The Model view: provenance, recorded metrics and training curves of the loaded models. */
    public ModelReportViewModel modelReport() {
        return modelReport;
    }

    /** The loaded reference captions, or null. */
    public ReadOnlyObjectProperty<References> referencesProperty() {
        return references.getReadOnlyProperty();
    }

    /** "References: 9 of 12 photos"; empty without references. */
    public ReadOnlyStringProperty referencesStatusProperty() {
        return referencesStatus.getReadOnlyProperty();
    }

    /** The comparison model, or null. */
    public ReadOnlyObjectProperty<ModelInfo> compareModelProperty() {
        return compareModel.getReadOnlyProperty();
    }

    /** "Comparing with 'lstm': 4 of 9 photos" / "Compared with 'lstm' (mobilenet-v2, lstm)"; empty without one. */
    public ReadOnlyStringProperty compareStatusProperty() {
        return compareStatus.getReadOnlyProperty();
    }

    /** Which photos the exports write. */
    public ObjectProperty<ExportScope> exportScopeProperty() {
        return exportScope;
    }

    /** Scoring passes completed (tests check that a batch does not rescore after every photo). */
    int scoringPasses() {
        return scoringPasses;
    }

    /** The photo at a path, if it is in the library. */
    public Optional<PhotoItem> photo(Path path) {
        return Optional.ofNullable(byPath.get(path.toAbsolutePath().normalize()));
    }

    /** The folder for settings, pasted images and projects of read-only folders. */
    public Path stateDir() {
        return stateDir;
    }
}
