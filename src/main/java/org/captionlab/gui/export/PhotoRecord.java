package org.captionlab.gui.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.search.Caption;

/**
 * What an export writes about one photo: an immutable snapshot taken on the UI thread, so the writer on
 * a worker thread never reads live UI state.
 *
 * @param path            the photo
 * @param referenceId     its id in the reference dataset, or null
 * @param captions        the main model's captions, best first
 * @param editedCaption   the caption as edited by hand, or null
 * @param references      reference captions (may be empty)
 * @param scores          scores of the main model's best caption, or null
 * @param verdict         the reviewer's verdict, or null
 * @param category        the failure category, or null
 * @param note            the reviewer's note, or null
 * @param compareCaptions the comparison model's captions, best first (empty without a comparison)
 * @param compareScores   scores of the comparison model's best caption, or null
 */
public record PhotoRecord(Path path, String referenceId, List<Caption> captions, String editedCaption,
                          List<String> references, CaptionScores scores, Verdict verdict, FailureCategory category,
                          String note, List<Caption> compareCaptions, CaptionScores compareScores) {

    public PhotoRecord {
        Objects.requireNonNull(path, "path");
        captions = List.copyOf(captions);
        references = List.copyOf(references);
        compareCaptions = List.copyOf(compareCaptions);
    }

    /** Snapshot of a photo (UI thread). */
    public static PhotoRecord of(PhotoItem item) {
        return new PhotoRecord(item.path(), item.referenceId(), item.captions(), item.editedCaptionProperty().get(),
                item.references(), item.scores(), item.verdictProperty().get(), item.failureCategoryProperty().get(),
                item.noteProperty().get(), item.result(LaneId.COMPARE).captions(), item.result(LaneId.COMPARE).scores());
    }

    /** The model's best caption, or null. */
    public String modelCaption() {
        return captions.isEmpty() ? null : captions.get(0).text();
    }

    /** The caption that counts: the edited one, else the model's best; null when neither. */
    public String finalCaption() {
        return editedCaption != null ? editedCaption : modelCaption();
    }

    /** The file name. */
    public String fileName() {
        Path n = path.getFileName();
        return n == null ? path.toString() : n.toString();
    }
}
