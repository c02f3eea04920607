package org.captionlab.gui.inspect;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.captionlab.gui.Icons;
import org.captionlab.gui.Tips;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.ModelResult;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.search.Caption;
import org.captionlab.service.ModelInfo;

/**
 * Two models on the same photos: a row per shown photo with both best captions, the references, each
 * model's CIDEr-D (each computed over the whole scored set) and the difference, and BLEU-4 / ROUGE-L of
 * both. Sort by "Largest |ΔCIDEr-D|" or show "Models disagree" in the filter bar to find where they differ.
 */
public final class CompareView {

    private final InspectionViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<PhotoItem> table = new TableView<>();

    /**
     * @param main          the main model
     * @param compare       the comparison model (null without a comparison)
     * @param compareStatus progress line of the comparison
     * @param lanes         the lanes beside the main model, one of which the view sets against it
     * @param open          File → Compare with model…
     * @param close         ends the comparison
     */
    public CompareView(InspectionViewModel vm, ThumbnailCache thumbnails, ObservableValue<ModelInfo> main,
                       ObservableValue<ModelInfo> compare, ObservableValue<String> compareStatus,
                       ObservableList<LaneId> lanes, Runnable open, Runnable close) {
        this.vm = vm;
        root.getStyleClass().add("compare");
        root.setId("compare");

        Label status = new Label();
        status.setId("compare-status");
        status.getStyleClass().add("compare-title");
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            String s = compareStatus.getValue();
            return s == null || s.isEmpty() ? "No comparison model loaded" : s;
        }, compareStatus));
        status.setTooltip(new Tooltip("The second model and how far it got through the photos"));
        Label summary = new Label();
        summary.getStyleClass().add("muted");
        summary.setTooltip(new Tooltip("Corpus scores of the comparison model's best captions over the scored photos, "
                + "and the CIDEr-D difference to the main model"));
        summary.textProperty().bind(vm.compareSummaryProperty());
        Button openButton = new Button("Compare with model…", Icons.icon("model"));
        openButton.setId("open-compare");
        openButton.setTooltip(new Tooltip("Load a second caption model (e.g. the LSTM beside the RNN, or another "
                + "checkpoint) and caption the same photos with it (Ctrl+Shift+M)"));
        openButton.setOnAction(e -> open.run());
        Button closeButton = new Button("Close comparison");
        closeButton.setTooltip(new Tooltip("Drop the second model and its captions"));
        closeButton.setOnAction(e -> close.run());
        closeButton.disableProperty().bind(Bindings.createBooleanBinding(() -> compare.getValue() == null, compare));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox text = new VBox(2, status, summary);
        // With more than one model beside the main one, the user picks which the table sets against it.
        ComboBox<LaneId> lane = new ComboBox<>(lanes);
        lane.setId("compared-lane");
        lane.valueProperty().bindBidirectional(vm.comparedLaneProperty());
        lane.visibleProperty().bind(Bindings.size(lanes).greaterThan(1));
        lane.managedProperty().bind(lane.visibleProperty());
        lane.setTooltip(new Tooltip("Which loaded model the table sets against the main model"));
        vm.comparedLaneProperty().addListener((obs, old, now) -> table.refresh());
        HBox bar = new HBox(10, text, spacer, lane, openButton, closeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("compare-bar");
        root.setTop(bar);

        table.setId("compare-table");
        table.getStyleClass().add("photo-table");
        table.setItems(vm.visible());
        table.setFixedCellSize(ReviewView.ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(PhotoTables.wrapping("No comparison yet: load a second model with \"Compare with model…\" "
                + "(Ctrl+Shift+M). Photos the filters hide are not listed.", "muted", "empty-hint"));
        table.setTooltip(new Tooltip("J/K or ↓/↑: next/previous photo; sort by |ΔCIDEr-D| in the bar above to see the biggest differences"));

        TableColumn<PhotoItem, PhotoItem> photo = PhotoTables.thumbnailColumn(thumbnails, 96);
        TableColumn<PhotoItem, PhotoItem> a = PhotoTables.column("", 230,
                i -> List.of(i.captionsProperty()), i -> captionCell(i.captions()));
        a.textProperty().bind(modelTitle("Main model", main));
        TableColumn<PhotoItem, PhotoItem> b = PhotoTables.column("", 230,
                i -> List.of(i.resultsProperty()), i -> compared(i).error() != null
                        ? PhotoTables.wrapping(compared(i).error(), "error-text") : captionCell(compared(i).captions()));
        b.textProperty().bind(modelTitle("Comparison", compare));
        TableColumn<PhotoItem, PhotoItem> refs = PhotoTables.column("References", 220,
                i -> List.of(i.referencesProperty()), CompareView::references);
        TableColumn<PhotoItem, PhotoItem> cider = PhotoTables.column("CIDEr-D", 150,
                i -> List.of(i.resultsProperty()), this::ciderCell);
        cider.setMinWidth(130);
        refs.setMinWidth(150);
        TableColumn<PhotoItem, PhotoItem> other = PhotoTables.column("BLEU-4 · ROUGE-L", 170,
                i -> List.of(i.resultsProperty()), this::otherScores);
        other.setGraphic(null);
        Label otherHeader = new Label("BLEU-4 · ROUGE-L");
        otherHeader.setTooltip(new Tooltip("Main model's score → comparison model's score"));
        other.setText(null);
        other.setGraphic(otherHeader);
        table.getColumns().setAll(List.of(photo, a, b, refs, cider, other));
        PhotoTables.syncSelection(table, vm.selectedProperty());
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isControlDown() || e.isMetaDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.J || e.getCode() == KeyCode.DOWN) {
                vm.next();
                e.consume();
            } else if (e.getCode() == KeyCode.K || e.getCode() == KeyCode.UP) {
                vm.previous();
                e.consume();
            }
        });
        root.setCenter(table);
    }

    public Node node() {
        return root;
    }

    /** Gives the table the keyboard focus. */
    public void focus() {
        table.requestFocus();
    }

    private static javafx.beans.binding.StringBinding modelTitle(String role, ObservableValue<ModelInfo> model) {
        return Bindings.createStringBinding(() -> {
            ModelInfo m = model.getValue();
            return m == null ? role : role + ": " + m.name() + " (" + m.cell() + ")";
        }, model);
    }

    private static Node captionCell(List<Caption> captions) {
        VBox box = new VBox(2);
        if (captions.isEmpty()) {
            box.getChildren().add(PhotoTables.wrapping("—", "muted"));
            return box;
        }
        box.getChildren().add(PhotoTables.wrapping(captions.get(0).text(), "caption-text"));
        for (int r = 1; r < Math.min(3, captions.size()); r++) {
            box.getChildren().add(PhotoTables.wrapping((r + 1) + ". " + captions.get(r).text(), "alternative"));
        }
        return box;
    }

    private static Node references(PhotoItem item) {
        VBox box = new VBox(1);
        if (item.references().isEmpty()) {
            box.getChildren().add(PhotoTables.wrapping("no references", "muted"));
        }
        for (int i = 0; i < Math.min(4, item.references().size()); i++) {
            box.getChildren().add(PhotoTables.wrapping("• " + item.references().get(i), "reference-text"));
        }
        return box;
    }

    /** What the lane set against the main model made of the photo. */
    private ModelResult compared(PhotoItem item) {
        return item.result(vm.comparedLaneProperty().get());
    }

    private Node ciderCell(PhotoItem item) {
        CaptionScores a = item.scores();
        CaptionScores b = compared(item).scores();
        VBox box = new VBox(2);
        box.getChildren().add(new Label("main  " + (a == null ? "–" : InspectionViewModel.score(a.ciderD()))));
        box.getChildren().add(new Label("comp. " + (b == null ? "–" : InspectionViewModel.score(b.ciderD()))));
        double d = InspectionViewModel.ciderDifference(item, vm.comparedLaneProperty().get());
        if (!Double.isNaN(d)) {
            Label delta = new Label("Δ " + InspectionViewModel.signed(d));
            delta.getStyleClass().addAll("delta", InspectionViewModel.isZero(d) ? "delta-same" : d > 0 ? "delta-up" : "delta-down");
            Tips.lazy(delta, () -> "CIDEr-D of the comparison model minus the main model's");
            box.getChildren().add(delta);
        }
        if (InspectionViewModel.disagree(item, vm.comparedLaneProperty().get())) {
            Label differs = new Label("captions differ");
            differs.getStyleClass().add("muted");
            box.getChildren().add(differs);
        }
        return box;
    }

    private Node otherScores(PhotoItem item) {
        CaptionScores a = item.scores();
        CaptionScores b = compared(item).scores();
        VBox box = new VBox(2);
        box.getChildren().add(PhotoTables.wrapping("BLEU-4 " + pair(a == null ? Double.NaN : a.bleu4(), b == null ? Double.NaN : b.bleu4()), "score-line"));
        box.getChildren().add(PhotoTables.wrapping("ROUGE-L " + pair(a == null ? Double.NaN : a.rougeL(), b == null ? Double.NaN : b.rougeL()), "score-line"));
        return box;
    }

    private static String pair(double a, double b) {
        return InspectionViewModel.score(a) + " → " + InspectionViewModel.score(b);
    }
}
