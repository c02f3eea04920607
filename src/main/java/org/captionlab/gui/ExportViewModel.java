package org.captionlab.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.captionlab.gui.export.CaptionExporter;
import org.captionlab.gui.export.ExportScope;
import org.captionlab.gui.export.PhotoRecord;
import org.captionlab.gui.export.TextFilePolicy;
import org.captionlab.gui.inspect.InspectionViewModel;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.service.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File → Export: CSV, COCO results JSON and .txt captions beside the photos, written in the background. */
public final class ExportViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ExportViewModel.class);

    private final ObservableList<PhotoItem> items;
    private final InspectionViewModel inspection;
    private final ObjectProperty<PhotoItem> selected;
    private final LanesViewModel lanes;
    private final ProjectViewModel project;
    private final FileDialogs dialogs;
    private final TaskExecutor executor;
    private final Notices notices;
    private final ObjectProperty<ExportScope> scope = new SimpleObjectProperty<>(this, "scope", ExportScope.ALL);

    ExportViewModel(ObservableList<PhotoItem> items, InspectionViewModel inspection, ObjectProperty<PhotoItem> selected,
                    LanesViewModel lanes, ProjectViewModel project, FileDialogs dialogs, TaskExecutor executor,
                    Notices notices) {
        this.items = items;
        this.inspection = inspection;
        this.selected = selected;
        this.lanes = lanes;
        this.project = project;
        this.dialogs = dialogs;
        this.executor = executor;
        this.notices = notices;
    }

    /** Which photos the exports write. */
    public ObjectProperty<ExportScope> scopeProperty() {
        return scope;
    }

    /** The photos an export writes, by {@link #scopeProperty()}; warns when there are none. */
    private List<PhotoRecord> recordsOrWarn() {
        List<PhotoItem> photos = switch (scope.get()) {
            case ALL -> items;
            case SHOWN -> inspection.visible();
            case SELECTED -> selected.get() == null ? List.of() : List.of(selected.get());
        };
        List<PhotoRecord> records = new ArrayList<>(photos.size());
        for (PhotoItem item : photos) {
            records.add(PhotoRecord.of(item));
        }
        if (records.isEmpty()) {
            notices.warning(scope.get() == ExportScope.SELECTED ? "No photo is selected to export."
                    : "There are no photos to export" + (scope.get() == ExportScope.SHOWN ? " (the filters hide them all)." : "."));
        }
        return records;
    }

    private String modelName(LaneId lane) {
        ModelInfo info = lanes.modelProperty(lane).get();
        return info == null ? null : info.name();
    }

    /** Export → Captions as CSV…: one row per photo, rank and model, with references, scores and the review. */
    public void exportCsv() {
        List<PhotoRecord> records = recordsOrWarn();
        if (records.isEmpty()) {
            return;
        }
        String main = modelName(LaneId.MAIN);
        String other = modelName(LaneId.COMPARE);
        chooseTarget("captions.csv").ifPresent(target ->
                executor.execute(BackgroundTask.of("export CSV " + target, () -> CaptionExporter.writeCsv(target, records, main, other))
                        .onSucceeded(rows -> notices.info("Exported " + Formats.count(rows) + (rows == 1 ? " row" : " rows") + " for "
                                + Formats.photos(records.size()) + " to '" + target.getFileName() + "'."))
                        .onFailed(error -> exportFailed(target, error))));
    }

    /** Export → COCO results JSON…: the model's best captions as {@code [{"image_id", "caption"}]}. */
    public void exportCocoResults() {
        List<PhotoRecord> records = recordsOrWarn();
        if (records.isEmpty()) {
            return;
        }
        chooseTarget("captions_results.json").ifPresent(target ->
                executor.execute(BackgroundTask.of("export COCO results " + target, () -> CaptionExporter.writeCoco(target, records))
                        .onSucceeded(n -> notices.info("Exported the captions of " + Formats.photos(n) + " as COCO results to '"
                                + target.getFileName() + "'" + (n < records.size() ? " (" + Formats.count(records.size() - n)
                                + " without a caption left out)." : ".")))
                        .onFailed(error -> exportFailed(target, error))));
    }

    private Optional<Path> chooseTarget(String suggestedName) {
        Optional<Path> target = dialogs.chooseExportFile(project.lastFolder(), suggestedName);
        target.ifPresent(t -> project.rememberFolder(t.toAbsolutePath().getParent()));
        return target;
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
                .onSucceeded(existing -> {
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
                            .onSucceeded(this::textFilesWritten)
                            .onFailed(error -> {
                                LOG.warn("Writing caption files failed", error);
                                notices.error("Could not write the caption files: " + Formats.reason(error));
                            }));
                })
                .onFailed(error -> notices.error("Could not check the caption files: " + Formats.reason(error))));
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
}
