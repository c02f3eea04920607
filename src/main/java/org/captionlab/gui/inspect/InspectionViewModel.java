package org.captionlab.gui.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.captionlab.eval.Metric;
import org.captionlab.gui.Formats;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;

/**
 * Failure inspection without JavaFX nodes: which photos are shown and in what order (sort worst first,
 * filter by score range, review state and text), the score histogram, and the review actions the keyboard
 * drives (next / previous, mark OK or failure, pick a category, write a note). UI-thread confined.
 *
 * <p><b>The shown list</b> ({@link #visible()}) is recomputed, in one pass of O(n log n), when the library
 * changes, a filter or the sort changes, scores are recomputed, or a caption changes while a text filter is
 * on. Marking photos does not re-filter it: the list stays put while the user reviews with the keyboard
 * (with "Not reviewed" shown, marking a photo would otherwise pull the next one under the cursor before a
 * category was picked). Changing any filter, or {@link #refresh()}, applies the marks.
 *
 * <p>Refreshes are coalesced through the UI executor: a burst of changes in one event costs one pass.
 */
public final class InspectionViewModel {

    /** Failure categories in the order of the keys 1–8. */
    public static final List<FailureCategory> CATEGORY_KEYS = List.of(FailureCategory.values());

    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final Executor ui;

    private final ObservableList<PhotoItem> visible = FXCollections.observableArrayList();
    private final ObservableList<PhotoItem> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final ObjectProperty<SortOrder> sortOrder = new SimpleObjectProperty<>(this, "sortOrder", SortOrder.LIBRARY);
    private final ObjectProperty<ShowFilter> showFilter = new SimpleObjectProperty<>(this, "showFilter", ShowFilter.ALL);
    private final ObjectProperty<FailureCategory> categoryFilter = new SimpleObjectProperty<>(this, "categoryFilter");
    private final ObjectProperty<Metric> rangeMetric = new SimpleObjectProperty<>(this, "rangeMetric", Metric.CIDER_D);
    private final ObjectProperty<Double> rangeMin = new SimpleObjectProperty<>(this, "rangeMin");
    private final ObjectProperty<Double> rangeMax = new SimpleObjectProperty<>(this, "rangeMax");
    private final ReadOnlyIntegerWrapper selectedBin = new ReadOnlyIntegerWrapper(this, "selectedBin", -1);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ReadOnlyObjectWrapper<Histogram> histogram = new ReadOnlyObjectWrapper<>(this, "histogram");
    private final ReadOnlyStringWrapper shownText = new ReadOnlyStringWrapper(this, "shownText", "");
    private final ReadOnlyStringWrapper scoreSummary = new ReadOnlyStringWrapper(this, "scoreSummary", "");
    private final ReadOnlyStringWrapper compareSummary = new ReadOnlyStringWrapper(this, "compareSummary", "");
    private final ReadOnlyIntegerWrapper scoredCount = new ReadOnlyIntegerWrapper(this, "scoredCount");
    private final ReadOnlyObjectWrapper<Map<Metric, Double>> corpusScores = new ReadOnlyObjectWrapper<>(this, "corpusScores", Map.of());
    private final ReadOnlyObjectWrapper<Map<Metric, Double>> compareCorpusScores =
            new ReadOnlyObjectWrapper<>(this, "compareCorpusScores", Map.of());
    private final ReadOnlyStringWrapper mainModelName = new ReadOnlyStringWrapper(this, "mainModelName", "");
    private final ReadOnlyStringWrapper compareModelName = new ReadOnlyStringWrapper(this, "compareModelName", "");

    /** The lane the Compare view, the disagreement filter and sort set against the main model. */
    private final ObjectProperty<LaneId> comparedLane = new SimpleObjectProperty<>(this, "comparedLane", LaneId.COMPARE);
    private final ChangeListener<Object> contentListener = (obs, old, now) -> contentChanged();
    private boolean refreshScheduled;
    private boolean settingBinRange;

    /**
     * @param items    the library, in library order
     * @param selected the selected photo (shared with the grid and the detail pane)
     * @param ui       runs code later on the UI thread, to coalesce refreshes ({@code Runnable::run} in tests)
     */
    public InspectionViewModel(ObservableList<PhotoItem> items, ObjectProperty<PhotoItem> selected, Executor ui) {
        this.items = Objects.requireNonNull(items, "items");
        this.selected = Objects.requireNonNull(selected, "selected");
        this.ui = Objects.requireNonNull(ui, "ui");
        items.addListener((ListChangeListener<PhotoItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::unwatch);
                c.getAddedSubList().forEach(this::watch);
            }
            requestRefresh();
        });
        items.forEach(this::watch);
        sortOrder.addListener((obs, o, n) -> requestRefresh());
        comparedLane.addListener((obs, o, n) -> requestRefresh());
        showFilter.addListener((obs, o, n) -> requestRefresh());
        categoryFilter.addListener((obs, o, n) -> requestRefresh());
        searchText.addListener((obs, o, n) -> requestRefresh());
        rangeMetric.addListener((obs, o, n) -> {
            selectedBin.set(-1);
            rebuildHistogram();
            requestRefresh();
        });
        ChangeListener<Double> rangeChanged = (obs, o, n) -> {
            if (!settingBinRange) {
                selectedBin.set(-1);
            }
            requestRefresh();
        };
        rangeMin.addListener(rangeChanged);
        rangeMax.addListener(rangeChanged);
        refresh();
    }

    private void watch(PhotoItem item) {
        item.resultsProperty().addListener(contentListener);
        item.editedCaptionProperty().addListener(contentListener);
    }

    private void unwatch(PhotoItem item) {
        item.resultsProperty().removeListener(contentListener);
        item.editedCaptionProperty().removeListener(contentListener);
    }

    /** A caption changed: only text and disagreement filters look at captions. */
    private void contentChanged() {
        if (!searchText.get().isBlank() || showFilter.get() == ShowFilter.DISAGREE) {
            requestRefresh();
        }
    }

    private void requestRefresh() {
        if (refreshScheduled) {
            return;
        }
        refreshScheduled = true;
        ui.execute(this::refresh);
    }

    // ------------------------------------------------------------------ the shown list

    /** Applies the filters and the sort now. */
    public void refresh() {
        refreshScheduled = false;
        Map<PhotoItem, Integer> order = new IdentityHashMap<>(items.size() * 2);
        List<PhotoItem> shown = new ArrayList<>();
        String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        Histogram h = histogram.get();
        int bin = selectedBin.get();
        for (int i = 0; i < items.size(); i++) {
            PhotoItem item = items.get(i);
            order.put(item, i);
            if (accepts(item, needle, h, bin)) {
                shown.add(item);
            }
        }
        shown.sort(comparator(sortOrder.get(), order, comparedLane.get()));
        if (!sameElements(shown, visible)) {
            visible.setAll(shown);
        }
        updateShownText();
    }

    private static boolean sameElements(List<PhotoItem> a, List<PhotoItem> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean accepts(PhotoItem item, String needle, Histogram h, int bin) {
        Verdict verdict = item.verdictProperty().get();
        boolean show = switch (showFilter.get()) {
            case ALL -> true;
            case WITH_REFERENCES -> item.hasReferences();
            case NOT_REVIEWED -> verdict == null;
            case OK -> verdict == Verdict.OK;
            case FAILURE -> verdict == Verdict.FAILURE;
            case EDITED -> item.isEdited();
            case DISAGREE -> disagree(item, comparedLane.get());
        };
        if (!show) {
            return false;
        }
        FailureCategory category = categoryFilter.get();
        if (category != null && item.failureCategoryProperty().get() != category) {
            return false;
        }
        Double min = rangeMin.get();
        Double max = rangeMax.get();
        if (bin >= 0 || min != null || max != null) {
            CaptionScores s = item.scores();
            if (s == null) {
                return false;
            }
            double v = s.get(rangeMetric.get());
            if (bin >= 0 && h != null) {
                if (h.binOf(v) != bin) {
                    return false;
                }
            } else if ((min != null && v < min - 1e-12) || (max != null && v > max + 1e-12)) {
                return false;
            }
        }
        return needle.isEmpty() || matchesText(item, needle, comparedLane.get());
    }

    /** True when the main model and the comparison model captioned the photo and their best captions differ. */
    public static boolean disagree(PhotoItem item) {
        return disagree(item, LaneId.COMPARE);
    }

    /** True when the main model and {@code lane} captioned the photo and their best captions differ. */
    public static boolean disagree(PhotoItem item, LaneId lane) {
        String a = item.modelCaptionProperty().get();
        String b = item.result(lane).best();
        return a != null && b != null && !a.equals(b);
    }

    private static boolean matchesText(PhotoItem item, String needle, LaneId lane) {
        if (contains(item.fileName(), needle) || contains(item.displayCaptionProperty().get(), needle)
                || contains(item.modelCaptionProperty().get(), needle) || contains(item.result(lane).best(), needle)) {
            return true;
        }
        for (String ref : item.references()) {
            if (contains(ref, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The order of {@code sort}; photos without the sorted score come last, ties keep library order. */
    static Comparator<PhotoItem> comparator(SortOrder sort, Map<PhotoItem, Integer> order, LaneId lane) {
        Comparator<PhotoItem> library = Comparator.comparingInt(order::get);
        return switch (sort) {
            case LIBRARY -> library;
            case NAME -> Comparator.comparing(PhotoItem::fileName, String.CASE_INSENSITIVE_ORDER).thenComparing(library);
            case DISAGREEMENT -> byValue(item -> absoluteCiderDifference(item, lane), true).thenComparing(library);
            default -> byValue(item -> item.scores() == null ? Double.NaN : item.scores().get(sort.metric()), sort.descending())
                    .thenComparing(library);
        };
    }

    private static Comparator<PhotoItem> byValue(java.util.function.ToDoubleFunction<PhotoItem> value, boolean descending) {
        return (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y)); // missing values last
            }
            return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
    }

    /** |CIDEr-D of {@code lane} − CIDEr-D of the main model|, or NaN when either is missing. */
    public static double absoluteCiderDifference(PhotoItem item, LaneId lane) {
        double d = ciderDifference(item, lane);
        return Double.isNaN(d) ? d : Math.abs(d);
    }

    /** CIDEr-D of the comparison model minus the main model's, or NaN when either is missing. */
    public static double ciderDifference(PhotoItem item) {
        return ciderDifference(item, LaneId.COMPARE);
    }

    /** CIDEr-D of {@code lane} minus the main model's, or NaN when either is missing. */
    public static double ciderDifference(PhotoItem item, LaneId lane) {
        CaptionScores a = item.scores();
        CaptionScores b = item.result(lane).scores();
        return a == null || b == null ? Double.NaN : b.ciderD() - a.ciderD();
    }

    /** The lane set against the main model (the comparison model unless the user picks another). */
    public ObjectProperty<LaneId> comparedLaneProperty() {
        return comparedLane;
    }

    private void updateShownText() {
        int n = items.size();
        shownText.set(visible.size() == n ? Formats.photos(n) : Formats.count(visible.size()) + " of " + Formats.photos(n) + " shown");
    }

    /** Shows every photo again (the sort stays). */
    public void clearFilters() {
        showFilter.set(ShowFilter.ALL);
        categoryFilter.set(null);
        searchText.set("");
        settingBinRange = true;
        try {
            rangeMin.set(null);
            rangeMax.set(null);
        } finally {
            settingBinRange = false;
        }
        selectedBin.set(-1);
        requestRefresh();
    }

    // ------------------------------------------------------------------ scores and histogram

    /**
     * Called after scores were recomputed and set on the photos: rebuilds the histogram and summaries.
     *
     * @param mainModel     the main model's name, or null
     * @param corpus        corpus values of the main model's captions (empty when nothing is scored)
     * @param compareModel  the comparison model's name, or null
     * @param compareCorpus corpus values of the comparison model's captions, or empty
     */
    public void scoresUpdated(String mainModel, Map<Metric, Double> corpus, String compareModel, Map<Metric, Double> compareCorpus) {
        mainModelName.set(mainModel == null ? "" : mainModel);
        compareModelName.set(compareModel == null ? "" : compareModel);
        corpusScores.set(Map.copyOf(corpus));
        compareCorpusScores.set(compareModel == null ? Map.of() : Map.copyOf(compareCorpus));
        rebuildHistogram();
        updateSummaries();
        requestRefresh();
    }

    private void rebuildHistogram() {
        Metric metric = rangeMetric.get();
        List<Double> values = new ArrayList<>();
        for (PhotoItem item : items) {
            if (item.scores() != null) {
                values.add(item.scores().get(metric));
            }
        }
        scoredCount.set(values.size());
        Histogram old = histogram.get();
        Histogram next = values.isEmpty() ? null : Histogram.of(metric, values);
        int bin = selectedBin.get();
        if (bin >= 0 && old != null && next != null && old.step() == next.step() && bin < next.bins()) {
            histogram.set(next); // same bins: the selection still means the same range
        } else {
            if (bin >= 0) {
                selectedBin.set(-1); // the bins moved: keep the range the bin stood for
            }
            histogram.set(next);
        }
    }

    private void updateSummaries() {
        int n = scoredCount.get();
        Map<Metric, Double> corpus = corpusScores.get();
        Map<Metric, Double> compareCorpus = compareCorpusScores.get();
        if (n == 0) {
            scoreSummary.set("");
        } else {
            scoreSummary.set(corpusText(corpus) + " over " + Formats.photos(n)
                    + (n < Scorer.MIN_IMAGES_FOR_CIDER ? " (CIDEr-D needs at least 2 photos with references)" : ""));
        }
        if (compareModelName.get().isEmpty() || compareCorpus.isEmpty()) {
            compareSummary.set("");
        } else {
            double delta = compareCorpus.getOrDefault(Metric.CIDER_D, Double.NaN) - corpus.getOrDefault(Metric.CIDER_D, Double.NaN);
            compareSummary.set("'" + compareModelName.get() + "': " + corpusText(compareCorpus)
                    + (Double.isNaN(delta) ? "" : " (ΔCIDEr-D " + signed(delta) + ")"));
        }
    }

    private static String corpusText(Map<Metric, Double> values) {
        List<String> parts = new ArrayList<>();
        for (Metric m : CaptionScores.METRICS) {
            Double v = values.get(m);
            if (v != null) {
                parts.add(m.label() + " " + score(v));
            }
        }
        return String.join(" · ", parts);
    }

    /** A score as the app shows it: three decimals. */
    public static String score(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A difference with its sign: "+0.250", "−0.100". */
    /** True when {@code v} reads 0.000 at three decimals. */
    public static boolean isZero(double v) {
        return Math.abs(v) < 0.0005;
    }

    public static String signed(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String s = String.format(Locale.ROOT, "%.3f", Math.abs(v));
        // A difference that rounds to zero is no difference: "±0.000", never "−0.000".
        return (isZero(v) ? "±" : v > 0 ? "+" : "−") + s;
    }

    /**
     * Clicking a histogram bin shows only the photos in it; clicking the selected bin again shows all.
     */
    public void toggleBin(int bin) {
        Histogram h = histogram.get();
        if (h == null || bin < 0 || bin >= h.bins()) {
            return;
        }
        settingBinRange = true;
        try {
            if (selectedBin.get() == bin) {
                selectedBin.set(-1);
                rangeMin.set(null);
                rangeMax.set(null);
            } else {
                selectedBin.set(bin);
                rangeMin.set(h.lower(bin));
                rangeMax.set(h.upper(bin));
            }
        } finally {
            settingBinRange = false;
        }
        requestRefresh();
    }

    // ------------------------------------------------------------------ review actions

    /** Selects the next shown photo (the first when none of the shown ones is selected). */
    public void next() {
        move(1);
    }

    /** Selects the previous shown photo. */
    public void previous() {
        move(-1);
    }

    private void move(int delta) {
        if (visible.isEmpty()) {
            return;
        }
        int i = visible.indexOf(selected.get());
        int next = i < 0 ? 0 : Math.max(0, Math.min(visible.size() - 1, i + delta));
        selected.set(visible.get(next));
    }

    /** Marks the selected photo's caption correct (dropping a failure category). */
    public void markOk() {
        PhotoItem item = selected.get();
        if (item != null) {
            item.verdictProperty().set(Verdict.OK);
            item.failureCategoryProperty().set(null);
        }
    }

    /** Marks the selected photo's caption a failure (its category, if any, stays). */
    public void markFailure() {
        PhotoItem item = selected.get();
        if (item != null) {
            item.verdictProperty().set(Verdict.FAILURE);
        }
    }

    /** Sets the failure category by its key (1–8, in {@link FailureCategory} order); marks a failure too. */
    public void pickCategory(int key) {
        PhotoItem item = selected.get();
        if (item == null || key < 1 || key > CATEGORY_KEYS.size()) {
            return;
        }
        item.verdictProperty().set(Verdict.FAILURE);
        item.failureCategoryProperty().set(CATEGORY_KEYS.get(key - 1));
    }

    /** Removes the verdict and category (back to not reviewed). */
    public void clearVerdict() {
        PhotoItem item = selected.get();
        if (item != null) {
            item.verdictProperty().set(null);
            item.failureCategoryProperty().set(null);
        }
    }

    /** Sets the selected photo's note; blank removes it. */
    public void setNote(String text) {
        PhotoItem item = selected.get();
        if (item != null) {
            String cleaned = text == null ? null : text.strip();
            item.noteProperty().set(cleaned == null || cleaned.isEmpty() ? null : cleaned);
        }
    }

    // ------------------------------------------------------------------ properties

    /** The photos shown by the grid and the review tables: filtered and sorted. */
    public ObservableList<PhotoItem> visible() {
        return readOnlyVisible;
    }

    public ObjectProperty<PhotoItem> selectedProperty() {
        return selected;
    }

    public ObjectProperty<SortOrder> sortOrderProperty() {
        return sortOrder;
    }

    public ObjectProperty<ShowFilter> showFilterProperty() {
        return showFilter;
    }

    /** Only failures of this category; null for any. */
    public ObjectProperty<FailureCategory> categoryFilterProperty() {
        return categoryFilter;
    }

    /** The metric of the score range filter and the histogram. */
    public ObjectProperty<Metric> rangeMetricProperty() {
        return rangeMetric;
    }

    /** Lowest score shown (inclusive), or null. */
    public ObjectProperty<Double> rangeMinProperty() {
        return rangeMin;
    }

    /** Highest score shown (inclusive), or null. */
    public ObjectProperty<Double> rangeMaxProperty() {
        return rangeMax;
    }

    /** The histogram bin the photos are filtered to, or -1. */
    public ReadOnlyIntegerProperty selectedBinProperty() {
        return selectedBin.getReadOnlyProperty();
    }

    /** Case-insensitive text the file name, a caption or a reference must contain. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** Histogram of the range metric over the scored photos; null when none is scored. */
    public ReadOnlyObjectProperty<Histogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    /** "42 of 120 photos shown" or "120 photos". */
    public ReadOnlyStringProperty shownTextProperty() {
        return shownText.getReadOnlyProperty();
    }

    /** "CIDEr-D 0.612 · BLEU-4 0.183 · ROUGE-L 0.452 over 120 photos"; empty when nothing is scored. */
    public ReadOnlyStringProperty scoreSummaryProperty() {
        return scoreSummary.getReadOnlyProperty();
    }

    /** The comparison model's corpus values and the CIDEr-D difference; empty without a comparison. */
    public ReadOnlyStringProperty compareSummaryProperty() {
        return compareSummary.getReadOnlyProperty();
    }

    /** Corpus BLEU-4 and mean ROUGE-L / CIDEr-D of the main model's captions; empty when nothing is scored. */
    public ReadOnlyObjectProperty<Map<Metric, Double>> corpusScoresProperty() {
        return corpusScores.getReadOnlyProperty();
    }

    /** The same for the comparison model; empty without a comparison. */
    public ReadOnlyObjectProperty<Map<Metric, Double>> compareCorpusScoresProperty() {
        return compareCorpusScores.getReadOnlyProperty();
    }

    /** The main model's name when scores were computed; empty before. */
    public ReadOnlyStringProperty mainModelNameProperty() {
        return mainModelName.getReadOnlyProperty();
    }

    /** The comparison model's name; empty without a comparison. */
    public ReadOnlyStringProperty compareModelNameProperty() {
        return compareModelName.getReadOnlyProperty();
    }

    /** Photos with scores. */
    public ReadOnlyIntegerProperty scoredCountProperty() {
        return scoredCount.getReadOnlyProperty();
    }
}
