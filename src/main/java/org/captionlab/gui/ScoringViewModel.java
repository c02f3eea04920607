package org.captionlab.gui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableList;
import org.captionlab.data.ImageCaptions;
import org.captionlab.eval.Metric;
import org.captionlab.gui.inspect.InspectionViewModel;
import org.captionlab.service.ReferenceLoader;
import org.captionlab.service.References;
import org.captionlab.gui.inspect.Scorer;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.ModelResult;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.service.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference captions and per-photo scores: reads references in any format the core reads, matches them to
 * the photos, and scores every lane's best captions (and the hand-edited ones) in the background. UI
 * thread only.
 */
public final class ScoringViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringViewModel.class);

    /** Shortest time between two scoring passes while a batch runs. */
    static final Duration MIN_SCORING_INTERVAL = Duration.ofSeconds(1);

    /** Scores of one pass: each lane's best captions, and the edited ones (null when none is edited). */
    private record ScoreSet(Map<LaneId, Scorer.Result<PhotoItem>> lanes, Scorer.Result<PhotoItem> edited) {
    }

    private final ObservableList<PhotoItem> items;
    private final LanesViewModel lanes;
    private final InspectionViewModel inspection;
    private final TaskExecutor executor;
    private final Notices notices;
    private final Clock clock;
    private final Runnable referencesChanged;
    private final ReadOnlyObjectWrapper<References> references = new ReadOnlyObjectWrapper<>(this, "references");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ChangeListener<Object> trigger = (obs, old, now) -> schedule();
    /** Rescores when a lane's captions change, not when only its scores do (that would never end). */
    private final ChangeListener<Map<LaneId, ModelResult>> resultsTrigger = (obs, old, now) -> {
        if (captionsChanged(old, now)) {
            schedule();
        }
    };
    private boolean inFlight;
    private boolean dirty;
    private long startedAt;
    private long endedAt = Long.MIN_VALUE / 2;
    private long took;
    private int passes;
    private ScoreSet last;
    private boolean closed;

    /**
     * @param referencesChanged called when references are loaded or dropped (the project records the file)
     */
    ScoringViewModel(ObservableList<PhotoItem> items, LanesViewModel lanes, InspectionViewModel inspection,
                     TaskExecutor executor, Notices notices, Clock clock, Runnable referencesChanged) {
        this.items = items;
        this.lanes = lanes;
        this.inspection = inspection;
        this.executor = executor;
        this.notices = notices;
        this.clock = clock;
        this.referencesChanged = referencesChanged;
        inspection.comparedLaneProperty().addListener((obs, old, now) -> publish());
    }

    private static boolean captionsChanged(Map<LaneId, ModelResult> old, Map<LaneId, ModelResult> now) {
        if (!old.keySet().equals(now.keySet())) {
            return true;
        }
        for (Map.Entry<LaneId, ModelResult> e : now.entrySet()) {
            if (!Objects.equals(e.getValue().best(), old.get(e.getKey()).best())) {
                return true;
            }
        }
        return false;
    }

    /** Starts following a photo's captions. */
    void watch(PhotoItem item) {
        item.resultsProperty().addListener(resultsTrigger);
        item.editedCaptionProperty().addListener(trigger);
    }

    void unwatch(PhotoItem item) {
        item.resultsProperty().removeListener(resultsTrigger);
        item.editedCaptionProperty().removeListener(trigger);
    }

    /**
     * Reads reference captions in the background (any format the core reads) and matches them to the photos
     * by path, else by file name; replaces references loaded before.
     */
    public void loadReferences(Path annotations) {
        if (closed) {
            return;
        }
        Path file = annotations.toAbsolutePath().normalize();
        status.set("Reading references from '" + Formats.nameOf(file) + "' …");
        executor.execute(BackgroundTask.of("read references " + file, () -> ReferenceLoader.read(file))
                .onSucceeded(this::referencesLoaded)
                .onFailed(error -> {
                    LOG.warn("Could not read references from '{}'", file, error);
                    status.set(references.get() == null ? "" : referencesText(references.get()));
                    String reason = Formats.reason(error);
                    notices.error(reason.contains(Formats.nameOf(file)) ? "Could not load the references: " + reason
                            : "Could not load the references from '" + file + "': " + reason);
                }));
    }

    private void referencesLoaded(References refs) {
        if (closed) {
            return;
        }
        references.set(refs);
        int byPath = 0;
        int byName = 0;
        int ambiguous = 0;
        for (PhotoItem item : items) {
            switch (apply(item)) {
                case PATH -> byPath++;
                case FILE_NAME -> byName++;
                case AMBIGUOUS -> ambiguous++;
                default -> { }
            }
        }
        int matched = byPath + byName;
        status.set(referencesText(refs));
        referencesChanged.run();
        StringBuilder text = new StringBuilder("Loaded references for ").append(Formats.count(matched)).append(" of ")
                .append(Formats.photos(items.size())).append(" from '").append(Formats.nameOf(refs.file())).append("' (")
                .append(refs.format()).append(", ").append(Formats.count(refs.images())).append(" images")
                .append(byName > 0 && byPath > 0 ? "; " + Formats.count(byName) + " matched by file name" : "").append(')');
        if (ambiguous > 0) {
            text.append("; ").append(Formats.photos(ambiguous)).append(" left without: their file name appears more than once in the file");
        }
        if (!refs.problems().isEmpty()) {
            text.append("; ").append(Formats.count(refs.problems().size())).append(" rows skipped (first: ")
                    .append(refs.problems().get(0)).append(')');
        }
        if (refs.droppedReferences() > 0) {
            text.append("; ").append(Formats.count(refs.droppedReferences())).append(" references without words ignored");
        }
        text.append('.');
        if (matched == 0 && !items.isEmpty()) {
            notices.warning(text + " No photo matches: the file names no photo of the library by path or file name.");
        } else {
            notices.info(text.toString());
        }
        schedule();
    }

    /** Gives a photo its references from the loaded file (none when none are loaded); returns how it matched. */
    References.MatchKind apply(PhotoItem item) {
        References refs = references.get();
        References.Match match = refs == null ? null : refs.match(item.path());
        ImageCaptions image = match == null ? null : match.image();
        if (image == null) {
            item.setReferences(null, List.of());
        } else {
            item.setReferences(image.imageId(), image.captions());
        }
        return match == null ? null : match.kind();
    }

    private String referencesText(References refs) {
        int matched = 0;
        for (PhotoItem item : items) {
            if (item.hasReferences()) {
                matched++;
            }
        }
        return "References: " + Formats.count(matched) + " of " + Formats.photos(items.size());
    }

    /** Forgets the references and all scores. */
    public void clearReferences() {
        if (references.get() == null) {
            return;
        }
        references.set(null);
        last = null;
        status.set("");
        referencesChanged.run();
        for (PhotoItem item : items) {
            item.setReferences(null, List.of());
            item.setEditedScores(null);
            lanes.laneIds().forEach(lane -> item.setScores(lane, null));
        }
        inspection.scoresUpdated(null, Map.of(), null, Map.of());
    }

    /** The library was emptied. */
    void libraryCleared() {
        if (references.get() != null) {
            status.set(referencesText(references.get()));
            inspection.scoresUpdated(null, Map.of(), null, Map.of());
        }
    }

    /**
     * Scores all captioned photos that have references, in the background. CIDEr-D weighs n-grams by
     * document frequencies over the whole set, so any caption change rescores the set. At most one pass runs
     * at a time; changes meanwhile cause one more pass when it ends. While photos are being captioned (by
     * any lane), passes are spaced by at least {@link #MIN_SCORING_INTERVAL} and three times the last
     * pass's duration (a pass over 7,000 Flickr8k photos takes about a second, which would otherwise compete
     * with captioning for the processor); when the model work is done, the deferred pass runs.
     */
    void schedule() {
        if (closed || references.get() == null) {
            return;
        }
        if (inFlight) {
            dirty = true;
            return;
        }
        long now = clock.millis();
        if (lanes.workPending() && now - endedAt < Math.max(MIN_SCORING_INTERVAL.toMillis(), 3 * took)) {
            dirty = true;
            return;
        }
        startedAt = now;
        inFlight = true;
        dirty = false;
        List<LaneId> laneIds = lanes.laneIds();
        Map<LaneId, Map<PhotoItem, String>> captions = new LinkedHashMap<>();
        laneIds.forEach(lane -> captions.put(lane, new LinkedHashMap<>()));
        Map<PhotoItem, String> finalCaptions = new LinkedHashMap<>();
        Map<PhotoItem, List<String>> refs = new HashMap<>();
        boolean anyEdited = false;
        for (PhotoItem item : items) {
            if (!item.hasReferences()) {
                continue;
            }
            for (LaneId lane : laneIds) {
                // Not the status: captions are set before the status turns DONE, and this runs in between.
                String best = item.result(lane).best();
                if (best != null) {
                    captions.get(lane).put(item, best);
                    refs.put(item, item.references());
                }
            }
            String model = item.result(LaneId.MAIN).best();
            if (model != null) {
                String edited = item.editedCaptionProperty().get();
                anyEdited |= edited != null;
                finalCaptions.put(item, edited != null ? edited : model);
            }
        }
        boolean scoreEdited = anyEdited;
        executor.execute(BackgroundTask.of("score " + captions.get(LaneId.MAIN).size() + " captions", () -> {
                    Map<LaneId, Scorer.Result<PhotoItem>> scored = new LinkedHashMap<>();
                    captions.forEach((lane, c) -> scored.put(lane, Scorer.score(c, refs)));
                    return new ScoreSet(scored, scoreEdited ? Scorer.score(finalCaptions, refs) : null);
                })
                .onSucceeded(this::scored)
                .onFailed(error -> {
                    LOG.warn("Scoring the captions failed", error);
                    notices.error("Could not score the captions: " + Formats.reason(error));
                })
                .onFinished(() -> {
                    inFlight = false;
                    if (dirty && !closed) {
                        schedule(); // changes that came while this pass ran
                    }
                }));
    }

    /** No lane has work left: the pass deferred while photos were being captioned runs now. */
    void workDone() {
        if (dirty && !inFlight) {
            schedule();
        }
    }

    private void scored(ScoreSet set) {
        endedAt = clock.millis();
        took = endedAt - startedAt;
        passes++;
        if (closed) {
            return;
        }
        for (PhotoItem item : items) {
            set.lanes().forEach((lane, result) -> item.setScores(lane, result.perImage().get(item)));
            CaptionScores edited = set.edited() != null && item.isEdited() ? set.edited().perImage().get(item) : null;
            item.setEditedScores(edited);
        }
        last = set;
        publish();
        if (references.get() != null) {
            status.set(referencesText(references.get()));
        }
    }

    /** Tells the inspection the corpus scores of the main model and of the lane set against it. */
    private void publish() {
        if (last == null || references.get() == null) {
            return;
        }
        LaneId compared = inspection.comparedLaneProperty().get();
        inspection.scoresUpdated(name(LaneId.MAIN), corpus(last, LaneId.MAIN), name(compared), corpus(last, compared));
    }

    private static Map<Metric, Double> corpus(ScoreSet set, LaneId lane) {
        Scorer.Result<PhotoItem> result = set.lanes().get(lane);
        return result == null ? Map.of() : result.corpus();
    }

    private String name(LaneId lane) {
        if (!lanes.laneIds().contains(lane)) {
            return null;
        }
        ModelInfo info = lanes.modelProperty(lane).get();
        return info == null ? null : info.name();
    }

    /** The loaded reference captions, or null. */
    public ReadOnlyObjectProperty<References> referencesProperty() {
        return references.getReadOnlyProperty();
    }

    /** "References: 9 of 12 photos"; empty without references. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Scoring passes completed (tests check that a batch does not rescore after every photo). */
    int passes() {
        return passes;
    }

    void close() {
        closed = true;
    }
}
