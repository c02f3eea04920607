package org.captionlab.gui;

import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.captionlab.gui.notice.Notice;
import org.captionlab.gui.notice.Notices;

/**
 * The main lane's batch as the user sees it: progress, one notice per failure up to
 * {@link LanesViewModel#FAILURE_NOTICES_PER_BATCH} and a shared summary notice after that, and the line
 * that says how the batch ended. UI thread only.
 */
final class BatchRun {

    private final BatchProgress progress;
    private final Notices notices;
    private final Consumer<Runnable> bulk;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private int failureNotices;
    private Notice failureSummary;

    /**
     * @param bulk runs a change of many photo statuses as one (the library's status line is rebuilt once)
     */
    BatchRun(BatchProgress progress, Notices notices, Consumer<Runnable> bulk) {
        this.progress = progress;
        this.notices = notices;
        this.bulk = bulk;
    }

    BatchProgress progress() {
        return progress;
    }

    void bulk(Runnable changes) {
        bulk.accept(changes);
    }

    /** Photos joined the batch (starting one when none runs). */
    void added(int n) {
        if (n <= 0) {
            return;
        }
        if (!progress.isRunning()) {
            failureNotices = 0;
            failureSummary = null;
            summary.set("");
        }
        progress.ensureStarted();
        progress.added(n);
    }

    /** A photo of batch {@code batchId} (or of none: -1) failed; {@code reason} names it. */
    void failed(long batchId, String reason) {
        progress.completed(batchId, false);
        if (batchId >= 0 && batchId == progress.currentId()) {
            if (failureNotices < LanesViewModel.FAILURE_NOTICES_PER_BATCH) {
                failureNotices++;
                notices.error(reason);
            } else {
                int more = progress.failedProperty().get() - LanesViewModel.FAILURE_NOTICES_PER_BATCH;
                String text = Formats.count(more) + (more == 1 ? " more photo" : " more photos")
                        + " could not be captioned; failed photos are marked in the grid.";
                failureSummary = failureSummary == null ? notices.error(text) : notices.update(failureSummary, text);
            }
        } else {
            notices.error(reason);
        }
    }

    void cancel() {
        int done = progress.doneProperty().get();
        int total = progress.totalProperty().get();
        progress.finish();
        summary.set("Cancelled after " + Formats.count(done) + " of " + Formats.photos(total) + ".");
    }

    void finishIfRunning() {
        if (!progress.isRunning()) {
            return;
        }
        int done = progress.doneProperty().get();
        int failed = progress.failedProperty().get();
        double rate = progress.rate();
        Duration took = progress.finish();
        StringBuilder s = new StringBuilder("Captioned ").append(Formats.photos(done - failed))
                .append(" in ").append(Formats.duration(took));
        if (rate > 0) {
            s.append(" (").append(Formats.rate(rate)).append(" photos/s)");
        }
        if (failed > 0) {
            s.append("; ").append(Formats.count(failed)).append(" failed");
        }
        summary.set(s.append('.').toString());
    }

    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    void clearSummary() {
        summary.set("");
    }
}
