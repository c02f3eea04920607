package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.gui.decoding.DecodingViewModel;
import org.captionlab.gui.detail.PhotoDetailViewModel;
import javafx.beans.binding.Bindings;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.physical.PhysicalLayers;
import org.captionlab.gui.physical.PhysicalLayerViewModel;
import org.captionlab.gui.export.ExportScope;
import org.captionlab.gui.inspect.InspectionViewModel;
import org.captionlab.gui.inspect.SortOrder;
import org.captionlab.service.References;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.gui.training.ModelReportViewModel;
import org.captionlab.service.ModelInfo;

/**
 * The desktop app's state and actions, with no JavaFX nodes: testable without a display. A thin
 * composition of feature view models that share the library's photos and the selection:
 * {@link LibraryViewModel} (adding photos, status line), {@link LanesViewModel} (the loaded models and
 * their work), {@link ScoringViewModel} (references and scores), {@link ExportViewModel},
 * {@link ProjectViewModel} (project file and settings), plus the detail, decoding, inspection and model
 * report view models of the sub-packages. The menu actions the view calls are forwarded here so that the
 * view needs one object.
 *
 * <p><b>Threads.</b> Every method is called on the UI thread, and every field is touched only there.
 * Model and file work runs in {@code BackgroundTask}s on the injected {@link TaskExecutor}, whose
 * callbacks come back on the UI thread and only set properties.
 */
public final class MainViewModel implements AutoCloseable {

    /** How long after a change the project and settings are written. */
    public static final Duration DEFAULT_AUTOSAVE_DELAY = Duration.ofSeconds(2);

    private final FileDialogs dialogs;
    private final Path stateDir;
    private final Notices notices = new Notices();
    private final ObservableList<PhotoItem> items = FXCollections.observableArrayList();
    private final ObservableList<PhotoItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ObjectProperty<PhotoItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final TaskExecutor executor;
    /** Made when the Physical layer view is first shown. */
    private PhysicalLayerViewModel physical;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final PhotoDetailViewModel detail = new PhotoDetailViewModel();
    private final DecodingViewModel decoding;
    private final InspectionViewModel inspection;
    private final ProjectViewModel project;
    private final LanesViewModel lanes;
    private final ScoringViewModel scoring;
    private final LibraryViewModel library;
    private final ExportViewModel export;
    private final ModelReportViewModel modelReport;
    private final ReadOnlyObjectWrapper<ModelInfo> comparedModel = new ReadOnlyObjectWrapper<>(this, "comparedModel");
    private final ReadOnlyStringWrapper comparedStatus = new ReadOnlyStringWrapper(this, "comparedStatus", "");
    private boolean closed;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final UndoHistory history = new UndoHistory(items);
    private final ObservableList<Path> readOnlyRecent = FXCollections.unmodifiableObservableList(recent);
    private EncoderInstaller encoderInstaller = file -> {
        throw new IOException("locating encoder weights is not available here");
    };

    /** Puts a located encoder weights file where the captioners find it (the user cache in the app). */
    @FunctionalInterface
    public interface EncoderInstaller {
        /** @throws IOException with one sentence for the user when the file is not usable */
        void install(Path file) throws IOException;
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
        Objects.requireNonNull(captioners, "captioners");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        Objects.requireNonNull(clipboard, "clipboard");
        Objects.requireNonNull(clock, "clock");
        this.stateDir = stateDir.toAbsolutePath().normalize();
        inspection = new InspectionViewModel(readOnlyItems, selected, executor.uiThread());
        ScoringViewModel[] scoringRef = new ScoringViewModel[1];
        project = new ProjectViewModel(readOnlyItems, () -> scoringRef[0].referencesProperty().get(), executor, notices,
                this.stateDir, autosaveDelay);
        // A saved preference wins over the model's recommendation; without one, the model's applies once loaded.
        GuiSettings saved = project.settings();
        decoding = saved.decodingSaved() ? new DecodingViewModel(saved.decoding()) : new DecodingViewModel();
        decoding.rememberedProperty().set(saved.decodingSaved());
        recent.setAll(recentFolders());
        theme.set(project.settings().theme());
        LibraryStatus status = new LibraryStatus();
        lanes = new LanesViewModel(captioners, executor, notices, decoding, readOnlyItems, selected, clock, status::bulk);
        scoring = new ScoringViewModel(readOnlyItems, lanes, inspection, executor, notices, clock, project::changed);
        scoringRef[0] = scoring;
        library = new LibraryViewModel(items, selected, status, lanes, scoring, project, dialogs, clipboard, executor,
                notices, clock, this.stateDir);
        export = new ExportViewModel(readOnlyItems, inspection, selected, lanes, project, dialogs, executor, notices);
        modelReport = new ModelReportViewModel(lanes.modelProperty(LaneId.MAIN), lanes.modelProperty(LaneId.COMPARE), executor);
        lanes.setOnLanesChanged(lane -> scoring.schedule());
        followComparedLane(inspection.comparedLaneProperty().get());
        inspection.comparedLaneProperty().addListener((obs, old, now) -> followComparedLane(now));
        lanes.setOnIdle(scoring::workDone);
        // As the README says: loaded references sort the photos worst first, a comparison by disagreement
        // (unless the user chose another order).
        scoring.referencesProperty().addListener((obs, old, now) -> autoSort());
        lanes.modelProperty(LaneId.COMPARE).addListener((obs, old, now) -> autoSort());

        decoding.optionsProperty().addListener((obs, old, now) -> {
            saveDecodingPreference();
            lanes.decodingChanged();
        });
        decoding.rememberedProperty().addListener((obs, old, now) -> saveDecodingPreference());
        // Guidance on/off or a new threshold: captions are decoded again from the cached features and labels.
        decoding.guideProperty().addListener((obs, old, now) -> lanes.decodingChanged());
        theme.addListener((obs, old, now) -> project.updateSettings(project.settings().withTheme(now == null ? Theme.LIGHT : now)));
        detail.photoProperty().bind(selected);
        detail.setOnGuidanceToggled(lanes::redecode);
    }

    /**
     * The order the photos are shown in after references or a comparison model arrive: worst CIDEr-D first
     * with references, biggest disagreement first when a comparison model is loaded too. An order the user
     * chose (anything but these) is kept.
     */
    private void autoSort() {
        SortOrder current = inspection.sortOrderProperty().get();
        if (current != null && current != SortOrder.LIBRARY && current != SortOrder.CIDER_WORST
                && current != SortOrder.DISAGREEMENT) {
            return;
        }
        boolean refs = scoring.referencesProperty().get() != null;
        boolean compared = lanes.modelProperty(LaneId.COMPARE).get() != null;
        inspection.sortOrderProperty().set(refs && compared ? SortOrder.DISAGREEMENT : refs ? SortOrder.CIDER_WORST
                : SortOrder.LIBRARY);
    }

    /** Edit → Undo (Ctrl+Z): the last caption edit, verdict, category or note change is taken back. */
    public void undo() {
        history.undo();
    }

    /** Edit → Redo (Ctrl+Shift+Z). */
    public void redo() {
        history.redo();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    /** File → Recent: folders of photos opened lately, the latest first. */
    public ObservableList<Path> recent() {
        return readOnlyRecent;
    }

    private List<Path> recentFolders() {
        return project.settings().recent().stream().map(Path::of).toList();
    }

    /** File → Recent ▸ a folder: its photos are added again. */
    public void openRecent(Path folder) {
        addPaths(List.of(folder));
    }

    /** The main window's bounds when it was last closed, or null (the app then uses its default size). */
    public GuiSettings.WindowBounds windowBounds() {
        return project.settings().window();
    }

    /** Remembers the main window's bounds (when it closes), for the next start. */
    public void rememberWindow(GuiSettings.WindowBounds bounds) {
        project.updateSettings(project.settings().withWindow(bounds));
    }

    /** The decoding settings are saved as a preference only when the user asked to remember them. */
    private void saveDecodingPreference() {
        boolean keep = decoding.rememberedProperty().get();
        project.updateSettings(project.settings().withDecoding(keep ? decoding.rememberedSettings() : null, keep));
    }

    // ------------------------------------------------------------------ models (lanes)

    /** The Compare view shows the lane the inspection sets against the main model. */
    private void followComparedLane(LaneId lane) {
        LaneId shown = lane == null || !lanes.laneIds().contains(lane) ? LaneId.COMPARE : lane;
        comparedModel.bind(lanes.modelProperty(shown));
        comparedStatus.bind(lanes.statusProperty(shown));
    }

    /** Opens a caption model in the background; photos wait for it. Replaces the current model on success. */
    public void loadModel(Path modelDir) {
        lanes.loadModel(modelDir);
    }

    /** File → Open model… */
    public void openModel() {
        chooseModel().ifPresent(lanes::loadModel);
    }

    /** Sets what File → Locate encoder weights… does with the chosen file. */
    public void setEncoderInstaller(EncoderInstaller installer) {
        this.encoderInstaller = Objects.requireNonNull(installer, "installer");
    }

    /** The main model's folder while it waits for its encoder weights, else null. */
    public ReadOnlyObjectProperty<Path> waitingForEncoderProperty() {
        return lanes.waitingForEncoderProperty();
    }

    /**
     * File → Locate encoder weights…: the user picks the weights file; it is installed (checked and copied
     * into the user cache) in the background and the model that waited for it is loaded again.
     */
    public void locateEncoderWeights() {
        Optional<Path> file = dialogs.chooseEncoderWeights(null);
        if (file.isEmpty()) {
            return;
        }
        Path chosen = file.get();
        EncoderInstaller installer = encoderInstaller;
        executor.execute(BackgroundTask.of("install encoder weights", () -> {
            installer.install(chosen);
            return chosen;
        }).onSucceeded(done -> {
            Path waiting = lanes.waitingForEncoderProperty().get();
            ModelInfo current = lanes.modelProperty(LaneId.MAIN).get();
            Path reload = waiting != null ? waiting : current != null ? current.directory() : null;
            notices.info("Encoder weights '" + chosen.getFileName() + "' installed"
                    + (reload != null ? "; loading model '" + Formats.nameOf(reload) + "' again." : "."));
            if (reload != null) {
                lanes.loadModel(reload);
            }
        }).onFailed(error -> notices.error(Formats.reason(error))));
    }

    /** File → Compare with model…: a second model captions the same photos for a side-by-side comparison. */
    public void openCompareModel() {
        chooseModel().ifPresent(this::loadCompareModel);
    }

    private Optional<Path> chooseModel() {
        String last = project.settings().lastModelDir();
        Optional<Path> dir = dialogs.chooseModelFolder(last == null ? null : Path.of(last).getParent());
        dir.ifPresent(d -> project.updateSettings(project.settings().withLastModelDir(d)));
        return dir;
    }

    /** Opens the comparison model in the background (see {@link LanesViewModel#loadLane}). */
    public void loadCompareModel(Path modelDir) {
        lanes.loadLane(LaneId.COMPARE, modelDir);
    }

    /**
     * File → Compare guided and unguided: the main model captions every photo again without label guidance,
     * and the Compare view puts those captions beside the guided ones.
     */
    public void compareGuidedAndUnguided() {
        lanes.loadUnguidedLane();
        if (lanes.laneIds().contains(LaneId.UNGUIDED)) {
            inspection.comparedLaneProperty().set(LaneId.UNGUIDED);
        }
    }

    /** Ends the comparison: the model the Compare view shows is closed and its captions and scores are dropped. */
    public void closeComparison() {
        LaneId shown = inspection.comparedLaneProperty().get();
        lanes.closeLane(shown == null ? LaneId.COMPARE : shown);
    }

    /** Captions every photo that has no up-to-date caption, retrying failed ones. */
    public void captionAll() {
        lanes.captionAll();
    }

    /** Stops the batch: queued photos go back to "not captioned"; the photo in flight finishes. */
    public void cancelBatch() {
        lanes.cancelBatch();
    }

    // ------------------------------------------------------------------ library, references, export

    /** Adds dropped or opened files and folders (folders recursively); new photos are captioned at once. */
    public void addPaths(List<Path> paths) {
        // Dropped photos count as the last photo folder too, so that File → Open… starts there.
        if (!paths.isEmpty()) {
            Path first = paths.get(0).toAbsolutePath().normalize();
            Path folder = java.nio.file.Files.isDirectory(first) ? first : first.getParent();
            if (folder != null && !folder.startsWith(stateDir)) {
                project.rememberPhotoFolder(folder);
                recent.setAll(recentFolders());
            }
        }
        library.addPaths(paths);
    }

    public void openImages() {
        library.openImages();
        recent.setAll(recentFolders());
    }

    public void openFolder() {
        library.openFolder();
        recent.setAll(recentFolders());
    }

    public void openProject() {
        library.openProject();
    }

    public void saveProjectAs() {
        library.saveProjectAs();
    }

    public void saveProject() {
        project.save();
    }

    public void paste() {
        library.paste();
    }

    public void clearLibrary() {
        library.clear();
    }

    /** File → Load references…: reference captions for the photos, then per-photo scores. */
    public void openReferences() {
        dialogs.chooseReferences(project.lastFolder()).ifPresent(scoring::loadReferences);
    }

    public void loadReferences(Path annotations) {
        scoring.loadReferences(annotations);
    }

    public void clearReferences() {
        scoring.clearReferences();
    }

    public void exportCsv() {
        export.exportCsv();
    }

    public void exportCocoResults() {
        export.exportCocoResults();
    }

    public void exportTextFiles() {
        export.exportTextFiles();
    }

    /** Writes pending project and settings changes now, on the calling thread (for tests and shutdown). */
    public void flush() throws IOException {
        project.flush();
    }

    /**
     * Saves the project and settings and closes the models (once the task in flight, if any, is done).
     * Never waits for model work. Call from {@code Application.stop()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lanes.cancelBatch();
        library.close();
        scoring.close();
        project.close();
        lanes.close();
    }

    // ------------------------------------------------------------------ feature view models and properties

    public LanesViewModel lanes() {
        return lanes;
    }

    public LibraryViewModel library() {
        return library;
    }

    public ScoringViewModel scoring() {
        return scoring;
    }

    public ExportViewModel export() {
        return export;
    }

    public ProjectViewModel project() {
        return project;
    }

    public Notices notices() {
        return notices;
    }

    public DecodingViewModel decoding() {
        return decoding;
    }

    public PhotoDetailViewModel detail() {
        return detail;
    }

    /** Sorting, filtering, histogram and review actions over the library. */
    public InspectionViewModel inspection() {
        return inspection;
    }

    /** The Model view: provenance, recorded metrics and training curves of the loaded models. */
    public ModelReportViewModel modelReport() {
        return modelReport;
    }

    public BatchProgress batch() {
        return lanes.batch();
    }

    /** The photos, in library order. */
    public ObservableList<PhotoItem> items() {
        return readOnlyItems;
    }

    /** The photo shown in the detail pane; selecting one captions it first if needed. */
    public ObjectProperty<PhotoItem> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyObjectProperty<ModelState> modelStateProperty() {
        return lanes.modelStateProperty();
    }

    /** The Physical layer view: the selected photo through a simulated camera, captioned by the main model. */
    public PhysicalLayerViewModel physical() {
        if (physical == null) {
            physical = PhysicalLayers.create(
                    (image, options) -> lanes.useMainModel(c -> PhysicalLayers.asImageCaptioner(c).caption(image, options)),
                    work -> executor.execute(BackgroundTask.of("physical layer", () -> {
                        work.run();
                        return null;
                    })),
                    executor.uiThread(), Bindings.createObjectBinding(
                            () -> selected.get() == null ? null : selected.get().path(), selected),
                    decoding.optionsProperty());
        }
        return physical;
    }

    /** The loaded model, or null. */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return lanes.modelProperty(LaneId.MAIN);
    }

    /** "Loading model 'default' …", "Model 'default' ready (mobilenet-v2, rnn, 2,541 words)". */
    public ReadOnlyStringProperty modelStatusProperty() {
        return lanes.statusProperty(LaneId.MAIN);
    }

    /** The comparison model, or null. */
    public ReadOnlyObjectProperty<ModelInfo> compareModelProperty() {
        return lanes.modelProperty(LaneId.COMPARE);
    }

    /** "Comparing with 'lstm': 4 of 9 photos" / "Compared with 'lstm' (mobilenet-v2, lstm)"; empty without one. */
    public ReadOnlyStringProperty compareStatusProperty() {
        return lanes.statusProperty(LaneId.COMPARE);
    }

    /** The model of the lane the Compare view shows (the comparison model unless another lane is picked). */
    public ReadOnlyObjectProperty<ModelInfo> comparedModelProperty() {
        return comparedModel.getReadOnlyProperty();
    }

    /** The status line of the lane the Compare view shows. */
    public ReadOnlyStringProperty comparedStatusProperty() {
        return comparedStatus.getReadOnlyProperty();
    }

    /** "1,000 photos · 997 captioned · 12 edited · 3 failed". */
    public ReadOnlyStringProperty libraryStatusProperty() {
        return library.statusProperty();
    }

    /** How the last batch ended, e.g. "Captioned 1,000 photos in 2:03 (8.1 photos/s)."; empty while one runs. */
    public ReadOnlyStringProperty batchSummaryProperty() {
        return lanes.batchSummaryProperty();
    }

    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return project.projectFileProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return library.scanningProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return project.titleProperty();
    }

    public ReadOnlyObjectProperty<References> referencesProperty() {
        return scoring.referencesProperty();
    }

    public ReadOnlyStringProperty referencesStatusProperty() {
        return scoring.statusProperty();
    }

    public ObjectProperty<ExportScope> exportScopeProperty() {
        return export.scopeProperty();
    }

    /** Scoring passes completed (tests check that a batch does not rescore after every photo). */
    int scoringPasses() {
        return scoring.passes();
    }

    /** The photo at a path, if it is in the library. */
    public Optional<PhotoItem> photo(Path path) {
        return library.photo(path);
    }

    /** The folder for settings, pasted images and projects of read-only folders. */
    public Path stateDir() {
        return stateDir;
    }
}
