package org.captionlab.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javax.imageio.ImageIO;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.project.PhotoEntry;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library: adding photos (drop, open, paste, a project), the photos' annotations restored from their
 * project, the status line, emptying it. New photos go to the main lane to be captioned. UI thread only.
 */
public final class LibraryViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryViewModel.class);

    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final LibraryStatus status;
    private final LanesViewModel lanes;
    private final ScoringViewModel scoring;
    private final ProjectViewModel project;
    private final FileDialogs dialogs;
    private final ClipboardSource clipboard;
    private final TaskExecutor executor;
    private final Notices notices;
    private final Clock clock;
    private final Path stateDir;
    private final LibraryLoader loader;
    private final Map<Path, PhotoItem> byPath = new HashMap<>();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final InvalidationListener annotationListener;
    private int scansRunning;
    private Path pasteDir;
    private int pasteCount;
    private boolean closed;

    @SuppressWarnings("checkstyle:ParameterNumber")
    LibraryViewModel(ObservableList<PhotoItem> items, ObjectProperty<PhotoItem> selected, LibraryStatus status,
                     LanesViewModel lanes, ScoringViewModel scoring, ProjectViewModel project, FileDialogs dialogs,
                     ClipboardSource clipboard, TaskExecutor executor, Notices notices, Clock clock, Path stateDir) {
        this.items = items;
        this.selected = selected;
        this.status = status;
        this.lanes = lanes;
        this.scoring = scoring;
        this.project = project;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.executor = executor;
        this.notices = notices;
        this.clock = clock;
        this.stateDir = stateDir;
        this.loader = new LibraryLoader(project.store(), stateDir);
        this.annotationListener = obs -> project.changed();
    }

    /** Adds dropped or opened files and folders (folders recursively); new photos are captioned at once. */
    public void addPaths(List<Path> paths) {
        if (paths.isEmpty() || closed) {
            return;
        }
        List<Path> inputs = List.copyOf(paths);
        scan("scan " + inputs.size() + " paths", () -> loader.scan(inputs), describe(inputs), false,
                error -> {
                    LOG.warn("Scanning {} failed", inputs, error);
                    notices.error("Could not read " + describe(inputs) + ": " + Formats.reason(error));
                });
    }

    /** File → Open images… */
    public void openImages() {
        List<Path> files = dialogs.chooseImages(project.lastFolder());
        if (!files.isEmpty()) {
            project.rememberPhotoFolder(files.get(0).toAbsolutePath().getParent());
            addPaths(files);
        }
    }

    /** File → Open folder… */
    public void openFolder() {
        dialogs.chooseFolder(project.lastFolder()).ifPresent(folder -> {
            project.rememberPhotoFolder(folder);
            addPaths(List.of(folder));
        });
    }

    /** File → Open project…: replaces the library with the project's photos and edits. */
    public void openProject() {
        dialogs.chooseProjectToOpen(project.lastFolder()).ifPresent(file ->
                scan("open project " + file, () -> loader.open(file), "project '" + file.getFileName() + "'", true,
                        error -> notices.error("Could not open the project: " + Formats.reason(error))));
    }

    /** Scans in the background, then adds what was found; {@code replace} empties the library first. */
    private void scan(String title, BackgroundTask.Work<LibraryLoader.Result> work, String source, boolean replace,
                      java.util.function.Consumer<Throwable> failed) {
        scansRunning++;
        scanning.set(true);
        executor.execute(BackgroundTask.of(title, work)
                .onSucceeded(result -> {
                    if (replace) {
                        clear();
                    }
                    addLoaded(result, source, replace);
                })
                .onFailed(failed)
                .onFinished(() -> {
                    scansRunning--;
                    scanning.set(scansRunning > 0);
                }));
    }

    /** File → Save project as…: the project is saved there from now on. */
    public void saveProjectAs() {
        Path current = project.projectFileProperty().get();
        Path initial = current != null ? current.getParent() : project.lastFolder();
        dialogs.chooseProjectToSave(initial, "captions.captionlab.json").ifPresent(project::saveAs);
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
        }).onSucceeded(p -> addPaths(List.of(p)))
                .onFailed(e -> notices.error("Could not save the pasted image to '" + target + "': " + Formats.reason(e))));
    }

    /** Empties the library (after saving its project). */
    public void clear() {
        lanes.cancelBatch();
        lanes.clearBatchSummary();
        project.libraryCleared();
        selected.set(null);
        for (PhotoItem item : items) {
            unwatch(item);
        }
        items.clear();
        byPath.clear();
        status.clear();
        lanes.clearQueues();
        scoring.libraryCleared();
    }

    private void addLoaded(LibraryLoader.Result result, String source, boolean forceProject) {
        if (closed) {
            return;
        }
        project.adopt(result.projectFile(), result.projectExists(), forceProject);
        List<PhotoItem> added = new ArrayList<>();
        int[] counts = new int[2]; // duplicates, restored
        project.quietly(() -> {
            for (Path p : result.photos()) {
                if (byPath.containsKey(p)) {
                    counts[0]++;
                    continue;
                }
                PhotoItem item = new PhotoItem(p);
                scoring.apply(item);
                PhotoEntry entry = result.annotations().get(p);
                if (entry != null) {
                    restore(item, entry);
                    counts[1]++;
                }
                watch(item);
                byPath.put(p, item);
                added.add(item);
            }
            items.addAll(added);
        });
        reportAdded(result, source, added.size(), counts[0], counts[1]);
        if (result.references() != null && scoring.referencesProperty().get() == null) {
            scoring.loadReferences(result.references()); // the project's references: the scores come back too
        }
        for (String problem : result.problems().subList(0, Math.min(3, result.problems().size()))) {
            notices.error(problem);
        }
        if (!added.isEmpty()) {
            project.changed();
            lanes.photosAdded(added);
            if (selected.get() == null) {
                selected.set(added.get(0));
            }
        }
        status.update();
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
                    + " (CaptionLab reads " + org.captionlab.service.Images.SUPPORTED_FORMATS + ").");
        }
    }

    private static void restore(PhotoItem item, PhotoEntry e) {
        item.editedCaptionProperty().set(e.editedCaption());
        item.verdictProperty().set(e.verdict());
        item.failureCategoryProperty().set(e.failureCategory());
        item.noteProperty().set(e.note());
    }

    private void watch(PhotoItem item) {
        status.watch(item);
        item.editedCaptionProperty().addListener(annotationListener);
        item.verdictProperty().addListener(annotationListener);
        item.failureCategoryProperty().addListener(annotationListener);
        item.noteProperty().addListener(annotationListener);
        scoring.watch(item);
    }

    private void unwatch(PhotoItem item) {
        status.unwatch(item);
        item.editedCaptionProperty().removeListener(annotationListener);
        item.verdictProperty().removeListener(annotationListener);
        item.failureCategoryProperty().removeListener(annotationListener);
        item.noteProperty().removeListener(annotationListener);
        scoring.unwatch(item);
    }

    private static String describe(List<Path> inputs) {
        if (inputs.size() == 1) {
            return "'" + Formats.nameOf(inputs.get(0)) + "'";
        }
        return Formats.count(inputs.size()) + " dropped items";
    }

    /** The photo at a path, if it is in the library. */
    public Optional<PhotoItem> photo(Path path) {
        return Optional.ofNullable(byPath.get(path.toAbsolutePath().normalize()));
    }

    /** "1,000 photos · 997 captioned · 12 edited · 3 failed". */
    public ReadOnlyStringProperty statusProperty() {
        return status.textProperty();
    }

    /** Scans that finish later add nothing. */
    void close() {
        closed = true;
    }

    /** True while folders are being scanned. */
    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }
}
