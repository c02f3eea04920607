package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.captionlab.service.References;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.project.Autosaver;
import org.captionlab.gui.project.PhotoEntry;
import org.captionlab.gui.project.Project;
import org.captionlab.gui.project.ProjectStore;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistence: the project file beside the photos (edits, verdicts, categories, notes, the references
 * file) and the app's settings, both written by {@link Autosaver}s a moment after a change. UI thread,
 * except the autosavers' writes.
 */
public final class ProjectViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectViewModel.class);

    /** A project and where to write it, taken on the UI thread. */
    private record Snapshot(Path file, Project project) {
    }

    private final ObservableList<PhotoItem> items;
    private final Supplier<References> references;
    private final TaskExecutor executor;
    private final Notices notices;
    private final Path stateDir;
    private final ProjectStore store = new ProjectStore();
    private final Autosaver<Snapshot> projectSaver;
    private final Autosaver<GuiSettings> settingsSaver;
    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>(this, "projectFile");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "CaptionLab");
    private GuiSettings settings;
    private boolean onDisk;
    private boolean suppressed;
    private String lastSaveError;
    private boolean closed;

    /**
     * @param references the references loaded now (the project records their file), or null
     * @param stateDir   folder for the app's settings
     */
    ProjectViewModel(ObservableList<PhotoItem> items, Supplier<References> references, TaskExecutor executor,
                     Notices notices, Path stateDir, Duration autosaveDelay) {
        this.items = items;
        this.references = references;
        this.executor = executor;
        this.notices = notices;
        this.stateDir = stateDir;
        this.settings = GuiSettings.load(stateDir);
        this.projectSaver = new Autosaver<>("captionlab-project-autosave", autosaveDelay,
                snapshot -> store.write(snapshot.file(), snapshot.project()),
                e -> reportSaveError("Could not save the project: " + Formats.reason(e)));
        this.settingsSaver = new Autosaver<>("captionlab-settings-autosave", autosaveDelay,
                s -> s.save(stateDir),
                e -> LOG.warn("Could not save the settings to '{}'", stateDir, e));
        projectFile.addListener((obs, old, now) -> title.set(now == null || now.getParent() == null
                ? "CaptionLab" : "CaptionLab — " + Formats.nameOf(now.getParent())));
    }

    ProjectStore store() {
        return store;
    }

    GuiSettings settings() {
        return settings;
    }

    void updateSettings(GuiSettings next) {
        if (!next.equals(settings) && !closed) {
            settings = next;
            settingsSaver.submit(next);
        }
    }

    /** The folder of the last file dialog, or null. */
    Path lastFolder() {
        return settings.lastFolder() == null ? null : Path.of(settings.lastFolder());
    }

    /** Remembers the folder of a file the user chose. */
    void rememberFolder(Path folder) {
        updateSettings(settings.withLastFolder(folder));
    }

    /** Remembers a folder of photos the user opened: the file dialogs start there and File → Recent lists it. */
    void rememberPhotoFolder(Path folder) {
        updateSettings(settings.withLastFolder(folder).withRecent(folder));
    }

    /** The project file found for added photos (kept unless {@code force} or none is set yet). */
    void adopt(Path file, boolean exists, boolean force) {
        if ((projectFile.get() == null || force) && file != null) {
            projectFile.set(file);
            onDisk = exists;
        }
    }

    /** Runs changes to many photos (restoring a project) without saving after each. */
    void quietly(Runnable changes) {
        suppressed = true;
        try {
            changes.run();
        } finally {
            suppressed = false;
        }
    }

    /** Something the project records changed: save it a moment later. */
    void changed() {
        Path file = projectFile.get();
        if (suppressed || closed || file == null) {
            return;
        }
        Project project = snapshot(file.getParent());
        // A folder that was only browsed gets no project file; the first edit creates it.
        if (!onDisk && !project.isAnnotated()) {
            return;
        }
        onDisk = true;
        projectSaver.submit(new Snapshot(file, project));
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

    /** File → Save project as…: the project is saved at {@code file} from now on. */
    void saveAs(Path file) {
        projectFile.set(file.toAbsolutePath().normalize());
        onDisk = true;
        changed();
        save();
    }

    /** Writes pending project changes now (in the background). */
    public void save() {
        executor.execute(BackgroundTask.of("save project", () -> {
            projectSaver.flush();
            return projectFile.get();
        }).onFailed(e -> reportSaveError("Could not save the project: " + Formats.reason(e))));
    }

    /** The library was emptied: saves its project and forgets it. */
    void libraryCleared() {
        if (projectFile.get() != null) {
            save();
        }
        projectFile.set(null);
        onDisk = false;
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

    /** Writes pending project and settings changes now, on the calling thread (for tests and shutdown). */
    public void flush() throws IOException {
        projectSaver.flush();
        settingsSaver.flush();
    }

    /** Where the project is saved, or null before photos were added. */
    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    /** For the window title: "CaptionLab — holiday" once a folder's project is open. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Saves what is pending (in the background) and stops saving. */
    @Override
    public void close() {
        closed = true;
        projectSaver.close();
        settingsSaver.close();
    }
}
