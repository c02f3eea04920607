package org.captionlab.gui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.captionlab.eval.Metric;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.project.FailureCategory;

/**
 * The controls above the photo views: show (review state), category, sort, score range and text search,
 * with the number of photos shown; below them, once photos are scored, the corpus scores and the histogram.
 * Everything binds to the {@link InspectionViewModel}.
 */
public final class FilterBar {

    private final InspectionViewModel vm;
    private final VBox root = new VBox();
    private final TextField search = new TextField();
    private final BooleanProperty histogramShown = new SimpleBooleanProperty(this, "histogramShown", true);

    public FilterBar(InspectionViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("filter-bar");
        root.setId("filter-bar");
        root.getChildren().addAll(filterRow(), scoresRow());
    }

    public Node node() {
        return root;
    }

    /** Whether the histogram strip is shown (when there are scores). */
    public BooleanProperty histogramShownProperty() {
        return histogramShown;
    }

    /** Puts the cursor in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private Node filterRow() {
        ComboBox<ShowFilter> show = new ComboBox<>(FXCollections.observableArrayList(ShowFilter.values()));
        show.setId("show-filter");
        show.valueProperty().bindBidirectional(vm.showFilterProperty());
        show.setTooltip(new Tooltip("Which photos to show: by review verdict, edited captions, or where two models disagree"));

        List<FailureCategory> categories = new ArrayList<>();
        categories.add(null);
        categories.addAll(List.of(FailureCategory.values()));
        ComboBox<FailureCategory> category = new ComboBox<>(FXCollections.observableArrayList(categories));
        category.setId("category-filter");
        category.setCellFactory(lv -> new CategoryCell());
        category.setButtonCell(new CategoryCell());
        category.valueProperty().bindBidirectional(vm.categoryFilterProperty());
        category.setTooltip(new Tooltip("Only failures of one category (keys 1–8 in the Review view set it)"));

        ComboBox<SortOrder> sort = new ComboBox<>(FXCollections.observableArrayList(SortOrder.values()));
        sort.setId("sort-order");
        sort.valueProperty().bindBidirectional(vm.sortOrderProperty());
        sort.setTooltip(new Tooltip("Order of the photos; worst first puts the captions most unlike their references on top"));

        ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(CaptionScores.METRICS));
        metric.setId("range-metric");
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        metric.valueProperty().bindBidirectional(vm.rangeMetricProperty());
        // Fixed widths: the longest entries show in full in the open list, so the bar fits one line at 1280 px.
        show.setPrefWidth(140);
        category.setPrefWidth(160);
        sort.setPrefWidth(200);
        metric.setPrefWidth(96);
        for (ComboBox<?> c : List.of(show, category, sort, metric)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        metric.setTooltip(new Tooltip("The score the range and the histogram use"));
        TextField min = rangeField("range-min", vm.rangeMinProperty(), "from",
                "Lowest score shown (empty: no limit); Enter applies");
        TextField max = rangeField("range-max", vm.rangeMaxProperty(), "to",
                "Highest score shown (empty: no limit); Enter applies");
        Label dash = new Label("–");

        search.setId("search");
        search.setPromptText("Search captions, references");
        search.setPrefColumnCount(14);
        search.setMinWidth(120);
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        search.setTooltip(new Tooltip("Show photos whose file name, caption or a reference contains this text (Ctrl+F)"));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                root.requestFocus();
            }
        });

        Button clear = new Button("Clear");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setId("clear-filters");
        clear.getStyleClass().add("small-button");
        clear.setTooltip(new Tooltip("Show all photos again (the sort stays)"));
        clear.setOnAction(e -> vm.clearFilters());

        Label shown = new Label();
        shown.setId("shown-count");
        shown.getStyleClass().add("muted");
        shown.textProperty().bind(vm.shownTextProperty());
        shown.setMinWidth(Region.USE_PREF_SIZE);
        shown.setTooltip(new Tooltip("Photos shown by the filters / photos in the library"));

        // The controls wrap onto a second line in a narrow window instead of widening it.
        FlowPane controls = new FlowPane(6, 6, group(label("Show"), show, category), group(label("Sort"), sort),
                group(metric, min, dash, max), group(search, clear));
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setHgap(14);
        controls.setMinWidth(0);
        controls.setPrefWrapLength(400);
        HBox.setHgrow(controls, Priority.ALWAYS);
        HBox row = new HBox(10, controls, shown);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("filter-row");
        return row;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("filter-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static HBox group(Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private TextField rangeField(String id, ObjectProperty<Double> value, String prompt, String tip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(5);
        field.setMinWidth(Region.USE_PREF_SIZE);
        field.setTooltip(new Tooltip(tip));
        Runnable show = () -> field.setText(value.get() == null ? "" : String.format(Locale.ROOT, "%.2f", value.get()));
        value.addListener((obs, o, n) -> show.run());
        show.run();
        Runnable apply = () -> {
            String t = field.getText().strip().replace(',', '.');
            if (t.isEmpty()) {
                value.set(null);
                return;
            }
            try {
                value.set(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                show.run(); // not a number: back to the value in force
            }
        };
        field.setOnAction(e -> apply.run());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
        return field;
    }

    private Node scoresRow() {
        GridPane table = new GridPane();
        table.setId("corpus-scores");
        table.getStyleClass().add("corpus-scores");
        table.setHgap(10);
        table.setVgap(2);
        Tooltip.install(table, new Tooltip("Corpus BLEU-4, and mean ROUGE-L and CIDEr-D of the best captions over all captioned "
                + "photos with references (pycocoevalcap definitions; CIDEr-D's document frequencies over the whole set)"));
        Runnable rebuild = () -> rebuildCorpusTable(table);
        vm.corpusScoresProperty().addListener((obs, o, n) -> rebuild.run());
        vm.compareCorpusScoresProperty().addListener((obs, o, n) -> rebuild.run());
        rebuild.run();

        Label hint = new Label();
        hint.setId("score-hint");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            int n = vm.scoredCountProperty().get();
            return n < Scorer.MIN_IMAGES_FOR_CIDER ? "CIDEr-D needs at least 2 photos with references."
                    : org.captionlab.gui.Formats.photos(n) + " scored · click a bar to show only its photos";
        }, vm.scoredCountProperty()));
        Label summary = new Label();
        summary.setId("score-summary");
        summary.textProperty().bind(vm.scoreSummaryProperty());
        summary.setVisible(false);
        summary.setManaged(false); // the full sentence, for tests and screen readers
        VBox text = new VBox(4, table, hint, summary);
        text.setMinWidth(Region.USE_PREF_SIZE);

        HistogramView histogram = new HistogramView(vm);
        HBox.setHgrow(histogram, Priority.ALWAYS);
        HBox row = new HBox(14, text, histogram);
        row.getStyleClass().add("scores-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(histogramShown.and(vm.scoredCountProperty().greaterThan(0)));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** Model | CIDEr-D | BLEU-4 | ROUGE-L, a row per model, and the difference. */
    private void rebuildCorpusTable(GridPane table) {
        table.getChildren().clear();
        table.add(cell("", "corpus-head"), 0, 0);
        int col = 1;
        for (Metric m : CaptionScores.METRICS) {
            table.add(cell(m.label(), "corpus-head"), col++, 0);
        }
        Map<Metric, Double> main = vm.corpusScoresProperty().get();
        Map<Metric, Double> other = vm.compareCorpusScoresProperty().get();
        addCorpusRow(table, 1, name(vm.mainModelNameProperty().get(), "model"), main, "corpus-value");
        if (!other.isEmpty()) {
            addCorpusRow(table, 2, name(vm.compareModelNameProperty().get(), "comparison"), other, "corpus-value");
            table.add(cell("Δ", "corpus-name"), 0, 3);
            col = 1;
            for (Metric m : CaptionScores.METRICS) {
                double d = other.getOrDefault(m, Double.NaN) - main.getOrDefault(m, Double.NaN);
                Label l = cell(InspectionViewModel.signed(d), "corpus-value");
                l.getStyleClass().add(d > 0 ? "delta-up" : d < 0 ? "delta-down" : "delta-same");
                table.add(l, col++, 3);
            }
        }
    }

    private static String name(String n, String fallback) {
        return n == null || n.isEmpty() ? fallback : n;
    }

    private static void addCorpusRow(GridPane table, int row, String name, Map<Metric, Double> values, String style) {
        Label n = cell(name, "corpus-name");
        n.setMaxWidth(150);
        n.setTooltip(new Tooltip(name));
        table.add(n, 0, row);
        int col = 1;
        for (Metric m : CaptionScores.METRICS) {
            table.add(cell(InspectionViewModel.score(values.getOrDefault(m, Double.NaN)), style), col++, row);
        }
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** Shows "Any category" for null. */
    private static final class CategoryCell extends ListCell<FailureCategory> {
        @Override
        protected void updateItem(FailureCategory item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "Any category" : item.label());
        }
    }
}
