package org.captionlab.gui.detail;

import org.captionlab.service.Guidance;
import java.util.function.Consumer;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.BooleanProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.search.Caption;

/**
 * What the detail pane shows for the selected photo: the caption (edited or the model's), the model's
 * alternatives, the best caption's per-word probabilities and the encoder's top labels. Follows the
 * photo's changes while it is selected. UI-thread confined.
 */
public final class PhotoDetailViewModel {

    /** The smallest label probability listed (it reads "0.1 %"; smaller ones would read "0.0 %"). */
    static final double MIN_LABEL_PROBABILITY = 0.0005;
    /** How many encoder labels are shown. */
    public static final int TOP_LABELS = 5;

    private final ObjectProperty<PhotoItem> photo = new SimpleObjectProperty<>(this, "photo");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper modelCaption = new ReadOnlyStringWrapper(this, "modelCaption", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(this, "edited");
    private final ObservableList<AlternativeRow> alternatives = FXCollections.observableArrayList();
    private final ObservableList<WordProbability> words = FXCollections.observableArrayList();
    private final ObservableList<ImageLabel> labels = FXCollections.observableArrayList();
    private final ObservableList<String> references = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper scoresText = new ReadOnlyStringWrapper(this, "scoresText", "");
    private final ReadOnlyStringWrapper editedScoresText = new ReadOnlyStringWrapper(this, "editedScoresText", "");
    private final InvalidationListener refresh = obs -> refresh();
    private final ReadOnlyStringWrapper guidanceText = new ReadOnlyStringWrapper(this, "guidanceText", "");
    private final ReadOnlyBooleanWrapper guided = new ReadOnlyBooleanWrapper(this, "guided");
    /** The check box "guide this photo by its labels"; mirrors the selected photo's own setting. */
    private final BooleanProperty guidePhoto = new SimpleBooleanProperty(this, "guidePhoto", true);
    private Consumer<PhotoItem> onGuidanceToggled = item -> { };
    private boolean syncing;

    public PhotoDetailViewModel() {
        photo.addListener((obs, old, now) -> {
            if (old != null) {
                unwatch(old);
            }
            if (now != null) {
                watch(now);
            }
            refresh();
        });
        guidePhoto.addListener((obs, old, now) -> {
            PhotoItem item = photo.get();
            if (syncing || item == null || item.unguidedProperty().get() == !now) {
                return;
            }
            item.unguidedProperty().set(!now);
            onGuidanceToggled.accept(item);
        });
        refresh();
    }

    /** Called with the photo whose label guidance the user turned on or off (it must be decoded again). */
    public void setOnGuidanceToggled(Consumer<PhotoItem> action) {
        this.onGuidanceToggled = Objects.requireNonNull(action, "action");
    }

    /**
     * One line on how the encoder's labels guided the caption: "Guided by Egyptian cat 81 %, tabby 8 % → cat",
     * why they did not, or that guidance is off; empty before the photo is captioned.
     */
    public ReadOnlyStringProperty guidanceTextProperty() {
        return guidanceText.getReadOnlyProperty();
    }

    /** True when the shown caption was made to name what the labels say. */
    public ReadOnlyBooleanProperty guidedProperty() {
        return guided.getReadOnlyProperty();
    }

    /** Whether the selected photo is guided by its labels (the user may turn it off for this photo). */
    public BooleanProperty guidePhotoProperty() {
        return guidePhoto;
    }

    /** The text of {@link #guidanceTextProperty()} for a result. */
    static String describe(Guidance g, boolean photoUnguided, boolean captioned) {
        if (!captioned) {
            return "";
        }
        if (photoUnguided) {
            return "Label guidance is off for this photo.";
        }
        if (g.labels().isEmpty()) {
            return g == Guidance.OFF || g.reason().equals(Guidance.OFF.reason()) ? "Label guidance is off."
                    : "Not guided: " + g.reason() + ".";
        }
        StringBuilder sb = new StringBuilder("Guided by ");
        for (int i = 0; i < g.labels().size(); i++) {
            ImageLabel l = g.labels().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(l.label()).append(' ').append(Math.round(100 * l.probability())).append(" %");
        }
        sb.append(" → ").append(String.join(", ", g.words()));
        if (g.fellBack()) {
            sb.append(" (no caption within the length could name it: unguided captions shown)");
        }
        return sb.toString();
    }

    private void watch(PhotoItem item) {
        item.statusProperty().addListener(refresh);
        item.captionsProperty().addListener(refresh);
        item.labelsProperty().addListener(refresh);
        item.editedCaptionProperty().addListener(refresh);
        item.errorProperty().addListener(refresh);
        item.staleProperty().addListener(refresh);
        item.referencesProperty().addListener(refresh);
        item.scoresProperty().addListener(refresh);
        item.editedScoresProperty().addListener(refresh);
        item.guidanceProperty().addListener(refresh);
        item.unguidedProperty().addListener(refresh);
    }

    private void unwatch(PhotoItem item) {
        item.statusProperty().removeListener(refresh);
        item.captionsProperty().removeListener(refresh);
        item.labelsProperty().removeListener(refresh);
        item.editedCaptionProperty().removeListener(refresh);
        item.errorProperty().removeListener(refresh);
        item.staleProperty().removeListener(refresh);
        item.referencesProperty().removeListener(refresh);
        item.scoresProperty().removeListener(refresh);
        item.editedScoresProperty().removeListener(refresh);
        item.guidanceProperty().removeListener(refresh);
        item.unguidedProperty().removeListener(refresh);
    }

    private void refresh() {
        PhotoItem item = photo.get();
        if (item == null) {
            title.set("");
            caption.set("");
            modelCaption.set("");
            statusText.set("Select a photo to see its captions.");
            edited.set(false);
            alternatives.clear();
            words.clear();
            labels.clear();
            references.clear();
            scoresText.set("");
            editedScoresText.set("");
            guidanceText.set("");
            guided.set(false);
            return;
        }
        Guidance g = item.guidanceProperty().get();
        guidanceText.set(describe(g, item.unguidedProperty().get(), !item.captions().isEmpty()));
        guided.set(g.guided() && !item.unguidedProperty().get());
        syncing = true;
        try {
            guidePhoto.set(!item.unguidedProperty().get());
        } finally {
            syncing = false;
        }
        title.set(item.fileName());
        List<Caption> captions = item.captions();
        String best = captions.isEmpty() ? "" : captions.get(0).text();
        modelCaption.set(best);
        edited.set(item.isEdited());
        caption.set(item.isEdited() ? item.editedCaptionProperty().get() : best);
        statusText.set(statusOf(item));

        alternatives.setAll(rows(captions));

        List<WordProbability> wp = new ArrayList<>();
        if (!captions.isEmpty()) {
            Caption c = captions.get(0);
            double[] p = c.tokenProbs();
            for (int i = 0; i < p.length; i++) {
                wp.add(new WordProbability(c.words().get(i), p[i]));
            }
            if (c.finished()) {
                wp.add(new WordProbability(WordProbability.END, c.endProb()));
            }
        }
        words.setAll(wp);
        List<ImageLabel> top = item.labelsProperty().get();
        // Labels that would read "0.0 %" say nothing: only those of at least 0.05 % are listed.
        labels.setAll(top.stream().filter(l -> l.probability() >= MIN_LABEL_PROBABILITY).limit(TOP_LABELS).toList());
        if (!references.equals(item.references())) {
            references.setAll(item.references());
        }
        scoresText.set(scores(item.scores()));
        String edited = scores(item.editedScoresProperty().get());
        editedScoresText.set(edited.isEmpty() ? "" : "Your caption: " + edited);
    }

    private static String scores(CaptionScores s) {
        return s == null ? "" : String.format(Locale.ROOT, "CIDEr-D %.3f · BLEU-4 %.3f · ROUGE-L %.3f", s.ciderD(), s.bleu4(), s.rougeL());
    }

    private static String statusOf(PhotoItem item) {
        return switch (item.status()) {
            case FAILED -> item.errorProperty().get();
            case DONE -> item.staleProperty().get() ? "Updating for the new decoding settings…" : "";
            case PENDING -> PhotoStatus.PENDING.label() + " — use Caption all (F5).";
            default -> item.status().label();
        };
    }

    /**
     * Stores a caption written by hand. A blank text, or the model's own best caption, removes the edit
     * (the photo is then no longer marked edited).
     */
    public void commitEdit(String text) {
        PhotoItem item = photo.get();
        if (item == null) {
            return;
        }
        String cleaned = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        String value = cleaned.isEmpty() || cleaned.equals(modelCaption.get()) ? null : cleaned;
        if (Objects.equals(value, item.editedCaptionProperty().get())) {
            return;
        }
        item.editedCaptionProperty().set(value);
    }

    /** Drops the hand-written caption; the model's stands again. */
    public void revertEdit() {
        commitEdit(null);
    }

    /** The photo shown; the main view model binds it to the library selection. */
    public ObjectProperty<PhotoItem> photoProperty() {
        return photo;
    }

    /** File name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The caption that counts: the edited one if any, else the model's best. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The model's best caption (shown even when edited). */
    public ReadOnlyStringProperty modelCaptionProperty() {
        return modelCaption.getReadOnlyProperty();
    }

    /** A line on the photo's state (failure reason, waiting, updating); empty when captioned. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** The model's captions, best first, with rank. */
    /**
     * The alternatives ranked by the score the search ranks by (beam search returns them in that order;
     * samples come in the order drawn), the best first; ties keep their order.
     */
    static List<AlternativeRow> rows(List<Caption> captions) {
        List<Caption> sorted = new ArrayList<>(captions);
        sorted.sort(java.util.Comparator.comparingDouble(Caption::score).reversed());
        List<AlternativeRow> rows = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            rows.add(new AlternativeRow(i + 1, sorted.get(i)));
        }
        return rows;
    }

    public ObservableList<AlternativeRow> alternatives() {
        return alternatives;
    }

    /** The best caption's words with their probabilities (and the end marker's, when emitted). */
    public ObservableList<WordProbability> words() {
        return words;
    }

    /** The photo's reference captions (empty without references). */
    public ObservableList<String> references() {
        return references;
    }

    /** "CIDEr-D 0.532 · BLEU-4 0.210 · ROUGE-L 0.447" of the model's best caption; empty when not scored. */
    public ReadOnlyStringProperty scoresTextProperty() {
        return scoresText.getReadOnlyProperty();
    }

    /** The same for the edited caption, "Your caption: CIDEr-D …"; empty when not edited or not scored. */
    public ReadOnlyStringProperty editedScoresTextProperty() {
        return editedScoresText.getReadOnlyProperty();
    }

    /** The encoder's top labels, at most {@link #TOP_LABELS}. */
    public ObservableList<ImageLabel> labels() {
        return labels;
    }
}
