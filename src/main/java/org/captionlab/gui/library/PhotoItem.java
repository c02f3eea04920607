package org.captionlab.gui.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.search.Caption;

/**
 * One photo of the library, as the views see it: observable state only (no nodes, no images).
 * UI-thread confined; the model results are set by the view model when a background task reports back.
 */
public final class PhotoItem {

    private final Path path;
    private final ReadOnlyObjectWrapper<PhotoStatus> status = new ReadOnlyObjectWrapper<>(this, "status", PhotoStatus.PENDING);
    private final ReadOnlyObjectWrapper<List<Caption>> captions = new ReadOnlyObjectWrapper<>(this, "captions", List.of());
    private final ReadOnlyObjectWrapper<List<ImageLabel>> labels = new ReadOnlyObjectWrapper<>(this, "labels", List.of());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");
    private final StringProperty editedCaption = new SimpleStringProperty(this, "editedCaption");
    private final ObjectProperty<Verdict> verdict = new SimpleObjectProperty<>(this, "verdict");
    private final ObjectProperty<FailureCategory> failureCategory = new SimpleObjectProperty<>(this, "failureCategory");
    private final StringProperty note = new SimpleStringProperty(this, "note");
    private final StringBinding modelCaption;
    private final StringBinding displayCaption;
    // Failure inspection: references and scores (set by the view model when references load or scores are computed).
    private final ReadOnlyObjectWrapper<List<String>> references = new ReadOnlyObjectWrapper<>(this, "references", List.of());
    private final ReadOnlyObjectWrapper<CaptionScores> scores = new ReadOnlyObjectWrapper<>(this, "scores");
    private final ReadOnlyObjectWrapper<CaptionScores> editedScores = new ReadOnlyObjectWrapper<>(this, "editedScores");
    private String referenceId;
    // Comparison with a second model.
    private final ReadOnlyObjectWrapper<List<Caption>> compareCaptions = new ReadOnlyObjectWrapper<>(this, "compareCaptions", List.of());
    private final ReadOnlyObjectWrapper<CaptionScores> compareScores = new ReadOnlyObjectWrapper<>(this, "compareScores");
    private final ReadOnlyStringWrapper compareError = new ReadOnlyStringWrapper(this, "compareError");
    private final StringBinding compareCaption;
    /** The second model's own encoder output, when its encoder differs from the main model's. */
    private EncodedImage compareEncoded;
    private long compareGeneration = -1;

    /** Encoder output, kept so that new decoding settings never need a new forward pass. */
    private EncodedImage encoded;
    /** Which decoding settings produced {@link #captions}; compared with the view model's current one. */
    private long decodedGeneration = -1;

    public PhotoItem(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        modelCaption = Bindings.createStringBinding(
                () -> captions.get().isEmpty() ? null : captions.get().get(0).text(), captions);
        displayCaption = Bindings.createStringBinding(
                () -> editedCaption.get() != null ? editedCaption.get() : modelCaption.get(), editedCaption, modelCaption);
        compareCaption = Bindings.createStringBinding(
                () -> compareCaptions.get().isEmpty() ? null : compareCaptions.get().get(0).text(), compareCaptions);
    }

    public Path path() {
        return path;
    }

    /** The file name, for labels. */
    public String fileName() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    public ReadOnlyObjectProperty<PhotoStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public PhotoStatus status() {
        return status.get();
    }

    /** Model captions, best first; empty until decoded. */
    public ReadOnlyObjectProperty<List<Caption>> captionsProperty() {
        return captions.getReadOnlyProperty();
    }

    public List<Caption> captions() {
        return captions.get();
    }

    /** The encoder's top labels (classifier encoders only). */
    public ReadOnlyObjectProperty<List<ImageLabel>> labelsProperty() {
        return labels.getReadOnlyProperty();
    }

    /** Why captioning failed, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while the captions come from older decoding settings and a re-decode is due. */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** The caption written by hand, or null when the model's stands. */
    public StringProperty editedCaptionProperty() {
        return editedCaption;
    }

    public boolean isEdited() {
        return editedCaption.get() != null;
    }

    public ObjectProperty<Verdict> verdictProperty() {
        return verdict;
    }

    public ObjectProperty<FailureCategory> failureCategoryProperty() {
        return failureCategory;
    }

    public StringProperty noteProperty() {
        return note;
    }

    /** The model's best caption, or null. */
    public StringBinding modelCaptionProperty() {
        return modelCaption;
    }

    /** What the grid shows: the edited caption if any, else the model's best; null when neither. */
    public StringBinding displayCaptionProperty() {
        return displayCaption;
    }

    /** The reference captions of the photo (empty when none were loaded or none match it). */
    public ReadOnlyObjectProperty<List<String>> referencesProperty() {
        return references.getReadOnlyProperty();
    }

    public List<String> references() {
        return references.get();
    }

    /** True when reference captions are known for this photo. */
    public boolean hasReferences() {
        return !references.get().isEmpty();
    }

    /** The photo's id in the reference dataset (Flickr8k file name, COCO id), or null without references. */
    public String referenceId() {
        return referenceId;
    }

    /** Scores of the model's best caption, or null when the photo is not scored. */
    public ReadOnlyObjectProperty<CaptionScores> scoresProperty() {
        return scores.getReadOnlyProperty();
    }

    public CaptionScores scores() {
        return scores.get();
    }

    /** Scores of the hand-edited caption (over the same set), or null when not edited or not scored. */
    public ReadOnlyObjectProperty<CaptionScores> editedScoresProperty() {
        return editedScores.getReadOnlyProperty();
    }

    /** The comparison model's captions, best first; empty without a comparison. */
    public ReadOnlyObjectProperty<List<Caption>> compareCaptionsProperty() {
        return compareCaptions.getReadOnlyProperty();
    }

    public List<Caption> compareCaptions() {
        return compareCaptions.get();
    }

    /** The comparison model's best caption, or null. */
    public StringBinding compareCaptionProperty() {
        return compareCaption;
    }

    /** Scores of the comparison model's best caption, or null. */
    public ReadOnlyObjectProperty<CaptionScores> compareScoresProperty() {
        return compareScores.getReadOnlyProperty();
    }

    public CaptionScores compareScores() {
        return compareScores.get();
    }

    /** Why the comparison model could not caption the photo, or null. */
    public ReadOnlyStringProperty compareErrorProperty() {
        return compareError.getReadOnlyProperty();
    }

    // ---- state changes, made by the view model on the UI thread ----

    /** Sets the references (empty list and null id: none). */
    public void setReferences(String id, List<String> value) {
        referenceId = value.isEmpty() ? null : id;
        references.set(List.copyOf(value));
    }

    /** Sets the scores of the model's caption and of the edited one (either may be null). */
    public void setScores(CaptionScores model, CaptionScores edited) {
        scores.set(model);
        editedScores.set(edited);
    }

    public void setCompareScores(CaptionScores value) {
        compareScores.set(value);
    }

    public EncodedImage compareEncoded() {
        return compareEncoded;
    }

    public void setCompareEncoded(EncodedImage value) {
        compareEncoded = value;
    }

    public long compareGeneration() {
        return compareGeneration;
    }

    /** Stores the comparison model's captions decoded with the settings of {@code generation}. */
    public void setCompareCaptions(List<Caption> value, long generation) {
        compareCaptions.set(List.copyOf(value));
        compareGeneration = generation;
        compareError.set(null);
    }

    /** Marks the comparison failed for this photo. */
    public void setCompareFailed(String reason) {
        compareCaptions.set(List.of());
        compareScores.set(null);
        compareGeneration = -1;
        compareError.set(reason);
    }

    /** Forgets the comparison model's results (comparison closed or another comparison model). */
    public void resetCompare() {
        compareEncoded = null;
        compareCaptions.set(List.of());
        compareScores.set(null);
        compareGeneration = -1;
        compareError.set(null);
    }


    /** Cached encoder output, or null when the photo was not encoded (or the encoder changed). */
    public EncodedImage encoded() {
        return encoded;
    }

    public long decodedGeneration() {
        return decodedGeneration;
    }

    public void setStatus(PhotoStatus value) {
        status.set(value);
    }

    public void setEncoded(EncodedImage value) {
        encoded = value;
        labels.set(value == null ? List.of() : value.labels());
    }

    /** Stores captions decoded with the settings of {@code generation}. */
    public void setCaptions(List<Caption> value, long generation) {
        captions.set(List.copyOf(value));
        decodedGeneration = generation;
        error.set(null);
        status.set(PhotoStatus.DONE);
    }

    /** Marks the photo failed with a one-sentence reason; earlier captions are dropped. */
    public void setFailed(String reason) {
        captions.set(List.of());
        scores.set(null);
        editedScores.set(null);
        error.set(reason);
        stale.set(false);
        status.set(PhotoStatus.FAILED);
    }

    /** Forgets model results (after a model with another encoder was loaded). */
    public void resetModelResults() {
        setEncoded(null);
        captions.set(List.of());
        scores.set(null);
        editedScores.set(null);
        decodedGeneration = -1;
        error.set(null);
        stale.set(false);
        status.set(PhotoStatus.PENDING);
    }

    @Override
    public String toString() {
        return "PhotoItem[" + path + ", " + status.get() + "]";
    }
}
