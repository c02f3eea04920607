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

    // ---- state changes, made by the view model on the UI thread ----

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
        error.set(reason);
        stale.set(false);
        status.set(PhotoStatus.FAILED);
    }

    /** Forgets model results (after a model with another encoder was loaded). */
    public void resetModelResults() {
        setEncoded(null);
        captions.set(List.of());
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
