package org.captionlab.gui.library;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableObjectValue;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.search.Caption;
import org.captionlab.service.Guidance;

/**
 * One photo of the library, as the views see it: observable state only (no nodes, no images).
 * UI-thread confined; the model results are set by the view models when a background task reports back.
 *
 * <p>Each loaded model (a {@link LaneId lane}) keeps one {@link ModelResult} here; the main lane's result
 * is also offered as {@link #captions()}, {@link #scores()} and {@link #errorProperty()}, which most views
 * show. Encoder output is cached per encoder id, shared by every lane on that encoder.
 */
public final class PhotoItem {

    private final Path path;
    private final ReadOnlyObjectWrapper<PhotoStatus> status = new ReadOnlyObjectWrapper<>(this, "status", PhotoStatus.PENDING);
    /** One result per lane; an unmodifiable map, replaced on every change so that listeners see old and new. */
    private final ReadOnlyObjectWrapper<Map<LaneId, ModelResult>> results = new ReadOnlyObjectWrapper<>(this, "results", Map.of());
    private final Map<LaneId, ObjectBinding<ModelResult>> laneResults = new HashMap<>(4);
    private final ReadOnlyObjectWrapper<List<ImageLabel>> labels = new ReadOnlyObjectWrapper<>(this, "labels", List.of());
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");
    private final StringProperty editedCaption = new SimpleStringProperty(this, "editedCaption");
    private final ObjectProperty<Verdict> verdict = new SimpleObjectProperty<>(this, "verdict");
    private final ObjectProperty<FailureCategory> failureCategory = new SimpleObjectProperty<>(this, "failureCategory");
    private final StringProperty note = new SimpleStringProperty(this, "note");
    private final ObjectBinding<List<Caption>> captions;
    private final ObjectBinding<CaptionScores> scores;
    private final StringBinding error;
    private final StringBinding modelCaption;
    private final StringBinding displayCaption;
    private final ObjectBinding<Guidance> guidance;
    private final BooleanProperty unguided = new SimpleBooleanProperty(this, "unguided");
    // Failure inspection: references and the edited caption's scores (set when references load or scores are computed).
    private final ReadOnlyObjectWrapper<List<String>> references = new ReadOnlyObjectWrapper<>(this, "references", List.of());
    private final ReadOnlyObjectWrapper<CaptionScores> editedScores = new ReadOnlyObjectWrapper<>(this, "editedScores");
    private String referenceId;
    /**
     * Encoder output by encoder id, kept so that new decoding settings, or another model on the same
     * encoder, never need a new forward pass.
     */
    private final Map<String, EncodedImage> features = new HashMap<>(2);

    public PhotoItem(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        ObjectBinding<ModelResult> main = resultProperty(LaneId.MAIN);
        captions = Bindings.createObjectBinding(() -> main.get().captions(), main);
        scores = Bindings.createObjectBinding(() -> main.get().scores(), main);
        error = Bindings.createStringBinding(() -> main.get().error(), main);
        guidance = Bindings.createObjectBinding(() -> main.get().guidance(), main);
        modelCaption = Bindings.createStringBinding(() -> main.get().best(), main);
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

    /** The main model's captions, best first; empty until decoded. */
    public ObservableObjectValue<List<Caption>> captionsProperty() {
        return captions;
    }

    public List<Caption> captions() {
        return captions.get();
    }

    /** Every lane's result, by lane (lanes without a result are absent). */
    public ReadOnlyObjectProperty<Map<LaneId, ModelResult>> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    /** One lane's result ({@link ModelResult#NONE} before it has one), observable. */
    public ObjectBinding<ModelResult> resultProperty(LaneId lane) {
        return laneResults.computeIfAbsent(lane,
                id -> Bindings.createObjectBinding(() -> results.get().getOrDefault(id, ModelResult.NONE), results));
    }

    /** One lane's result, {@link ModelResult#NONE} before it has one. */
    public ModelResult result(LaneId lane) {
        return results.get().getOrDefault(lane, ModelResult.NONE);
    }

    /** The encoder's top labels (classifier encoders only), from the main model's encoder. */
    public ReadOnlyObjectProperty<List<ImageLabel>> labelsProperty() {
        return labels.getReadOnlyProperty();
    }

    /** Why the main model could not caption the photo, or null. */
    public StringBinding errorProperty() {
        return error;
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

    /** The main model's best caption, or null. */
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

    /** Scores of the main model's best caption, or null when the photo is not scored. */
    public ObservableObjectValue<CaptionScores> scoresProperty() {
        return scores;
    }

    public CaptionScores scores() {
        return scores.get();
    }

    /** Scores of the hand-edited caption (over the same set), or null when not edited or not scored. */
    public ReadOnlyObjectProperty<CaptionScores> editedScoresProperty() {
        return editedScores.getReadOnlyProperty();
    }

    // ---- state changes, made by the view models on the UI thread ----

    /** Sets the references (empty list and null id: none). */
    public void setReferences(String id, List<String> value) {
        referenceId = value.isEmpty() ? null : id;
        references.set(List.copyOf(value));
    }

    /** Sets one lane's result. */
    public void setResult(LaneId lane, ModelResult value) {
        Map<LaneId, ModelResult> next = new LinkedHashMap<>(results.get());
        if (value == null || value.equals(ModelResult.NONE)) {
            next.remove(lane);
        } else {
            next.put(lane, value);
        }
        results.set(Collections.unmodifiableMap(next));
    }

    /** Sets the scores of one lane's best caption (null: not scored). */
    public void setScores(LaneId lane, CaptionScores value) {
        ModelResult current = result(lane);
        if (!Objects.equals(current.scores(), value)) {
            setResult(lane, current.withScores(value));
        }
    }

    /** Sets the scores of the hand-edited caption (null: not edited or not scored). */
    public void setEditedScores(CaptionScores value) {
        editedScores.set(value);
    }

    /** The cached output of an encoder, or null when the photo was not encoded by it. */
    public EncodedImage feature(String encoderId) {
        return features.get(encoderId);
    }

    public void putFeature(String encoderId, EncodedImage value) {
        features.put(encoderId, value);
    }

    /** Drops the features of encoders no loaded model uses any more. */
    public void retainFeatures(Collection<String> encoderIds) {
        features.keySet().retainAll(encoderIds);
    }

    /** Which decoding generation made the main model's captions; -1 when none. */
    public long decodedGeneration() {
        return result(LaneId.MAIN).generation();
    }

    public void setStatus(PhotoStatus value) {
        status.set(value);
    }

    /** The main model's encoder labels for this photo. */
    public void setLabels(List<ImageLabel> value) {
        labels.set(List.copyOf(value));
    }

    /** Stores the main model's captions decoded with the settings of {@code generation}. */
    public void setCaptions(List<Caption> value, long generation) {
        setCaptions(value, generation, Guidance.OFF);
    }

    /** Stores the main model's captions decoded with the settings of {@code generation}, guided as {@code how} says. */
    public void setCaptions(List<Caption> value, long generation, Guidance how) {
        setResult(LaneId.MAIN, result(LaneId.MAIN).withCaptions(value, generation, how));
        status.set(PhotoStatus.DONE);
    }

    /** How the main model's captions were guided by the encoder's labels. */
    public ObjectBinding<Guidance> guidanceProperty() {
        return guidance;
    }

    /**
     * True when the user turned label guidance off for this photo (it is then captioned unguided whatever
     * the decoding settings say).
     */
    public BooleanProperty unguidedProperty() {
        return unguided;
    }

    /** Marks the photo failed with a one-sentence reason; earlier captions are dropped. */
    public void setFailed(String reason) {
        setResult(LaneId.MAIN, ModelResult.failed(reason));
        editedScores.set(null);
        stale.set(false);
        status.set(PhotoStatus.FAILED);
    }

    /** Forgets the main model's results (after a model with another encoder was loaded). */
    public void resetModelResults() {
        labels.set(List.of());
        setResult(LaneId.MAIN, ModelResult.NONE);
        editedScores.set(null);
        stale.set(false);
        status.set(PhotoStatus.PENDING);
    }

    @Override
    public String toString() {
        return "PhotoItem[" + path + ", " + status.get() + "]";
    }
}
