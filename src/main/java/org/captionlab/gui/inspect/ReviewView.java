package org.captionlab.gui.inspect;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.captionlab.gui.Panes;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.library.Thumbnail;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.gui.library.ThumbnailView;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.search.Caption;

/**
 * Failure inspection, side by side: a table with a row per shown photo (thumbnail | generated caption and
 * alternatives | reference captions | scores | verdict and category | note) and, beside it, the selected
 * photo with its verdict, category and note. Driven from the keyboard: J/K or the arrows move, O marks OK,
 * F a failure, 1–8 pick the category, U clears the verdict, N edits the note (Enter saves, Esc discards).
 */
public final class ReviewView {

    /** Height of a table row: a thumbnail and up to three lines of caption. */
    static final double ROW_HEIGHT = 118;
    private static final double THUMB = 112;

    private final InspectionViewModel vm;
    private final SplitPane root = new SplitPane();
    private final TableView<PhotoItem> table = new TableView<>();
    private final TextArea note = new TextArea();
    private final ThumbnailView preview = new ThumbnailView();
    private final ThumbnailCache previews;
    private final Label title = new Label();
    private final Label caption = new Label();
    private final ToggleButton ok = new ToggleButton("OK");
    private final ToggleButton failure = new ToggleButton("Failure");
    private final List<ToggleButton> categoryButtons = new ArrayList<>();
    private final InvalidationListener panelRefresh = obs -> refreshPanel();
    private PhotoItem panelItem;
    private boolean editingNote;
    /** N moved the focus into the note on its key press; its key-typed 'n' must not land in the note. */
    private boolean swallowTypedN;

    /**
     * @param thumbnails the grid's thumbnail cache, for the table
     * @param previews   the large previews' cache, for the side panel
     */
    public ReviewView(InspectionViewModel vm, ThumbnailCache thumbnails, ThumbnailCache previews) {
        this.vm = vm;
        this.previews = previews;
        root.getStyleClass().add("review");
        root.setId("review");
        root.getItems().addAll(table(thumbnails), sidePanel());
        root.setDividerPositions(0.70);
        SplitPane.setResizableWithParent(root.getItems().get(1), false);
        vm.selectedProperty().addListener((obs, o, n) -> showInPanel(n));
        showInPanel(vm.selectedProperty().get());
    }

    public Node node() {
        return root;
    }

    /** The table (tests look into it). */
    public TableView<PhotoItem> table() {
        return table;
    }

    /** Gives the table the keyboard focus (when the view is shown). */
    public void focus() {
        table.requestFocus();
        if (vm.selectedProperty().get() == null || !vm.visible().contains(vm.selectedProperty().get())) {
            vm.next();
        }
    }

    // ------------------------------------------------------------------ table

    private Node table(ThumbnailCache thumbnails) {
        table.setId("review-table");
        table.getStyleClass().add("photo-table");
        table.setItems(vm.visible());
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(PhotoTables.wrapping("No photos to review. Add photos, load references "
                + "(File → Load references…) to score them, or clear the filters.", "muted", "empty-hint"));
        table.setTooltip(new Tooltip("J/K or ↓/↑: next/previous · O: OK · F: failure · 1–8: category · U: not reviewed · N: note"));

        TableColumn<PhotoItem, PhotoItem> photo = PhotoTables.thumbnailColumn(thumbnails, THUMB);
        TableColumn<PhotoItem, PhotoItem> captionCol = PhotoTables.column("Generated caption", 250,
                i -> List.of(i.captionsProperty(), i.editedCaptionProperty(), i.statusProperty()), ReviewView::renderCaption);
        TableColumn<PhotoItem, PhotoItem> refs = PhotoTables.column("References", 260,
                i -> List.of(i.referencesProperty()), ReviewView::renderReferences);
        TableColumn<PhotoItem, PhotoItem> scores = PhotoTables.column("Scores", 120,
                i -> List.of(i.scoresProperty(), i.editedScoresProperty()),
                i -> PhotoTables.scoreLines(i.scores(), i.editedScoresProperty().get()));
        scores.setMinWidth(124);
        TableColumn<PhotoItem, PhotoItem> verdict = PhotoTables.column("Verdict", 130,
                i -> List.of(i.verdictProperty(), i.failureCategoryProperty()), ReviewView::renderVerdict);
        verdict.setMinWidth(110);
        TableColumn<PhotoItem, PhotoItem> noteCol = PhotoTables.column("Note", 140,
                i -> List.of(i.noteProperty()),
                i -> PhotoTables.wrapping(i.noteProperty().get() == null ? "" : i.noteProperty().get(), "note-text"));
        table.getColumns().setAll(List.of(photo, captionCol, refs, scores, verdict, noteCol));
        PhotoTables.syncSelection(table, vm.selectedProperty());
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        return table;
    }

    private void onKey(KeyEvent e) {
        if (e.isControlDown() || e.isMetaDown() || e.isAltDown()) {
            return; // menu accelerators
        }
        if (handleReviewKey(e.getCode())) {
            e.consume();
        }
    }

    /** The review keys; true when the key was one of them. Also used by the comparison table. */
    boolean handleReviewKey(KeyCode code) {
        switch (code) {
            case J, DOWN -> vm.next();
            case K, UP -> vm.previous();
            case O -> vm.markOk();
            case F -> vm.markFailure();
            case U -> vm.clearVerdict();
            case N -> {
                swallowTypedN = true;
                editNote();
            }
            default -> {
                int digit = digit(code);
                if (digit < 1 || digit > InspectionViewModel.CATEGORY_KEYS.size()) {
                    return false;
                }
                vm.pickCategory(digit);
            }
        }
        return true;
    }

    private static int digit(KeyCode code) {
        if (code.isDigitKey()) {
            String name = code.getName(); // "1" or "Numpad 1"
            return Character.getNumericValue(name.charAt(name.length() - 1));
        }
        return -1;
    }

    private static Node renderCaption(PhotoItem item) {
        VBox box = new VBox(2);
        List<Caption> captions = item.captions();
        String edited = item.editedCaptionProperty().get();
        if (edited != null) {
            Label badge = new Label("edited");
            badge.getStyleClass().add("edited-badge");
            Label text = PhotoTables.wrapping(edited, "caption-text");
            box.getChildren().add(new HBox(6, text, badge));
            if (!captions.isEmpty()) {
                box.getChildren().add(PhotoTables.wrapping("model: " + captions.get(0).text(), "alternative"));
            }
        } else if (!captions.isEmpty()) {
            box.getChildren().add(PhotoTables.wrapping(captions.get(0).text(), "caption-text"));
        } else {
            box.getChildren().add(PhotoTables.wrapping(item.status() == PhotoStatus.FAILED ? "Could not be captioned"
                    : item.status().label(), "muted"));
        }
        for (int r = 1; r < Math.min(3, captions.size()); r++) {
            box.getChildren().add(PhotoTables.wrapping((r + 1) + ". " + captions.get(r).text(), "alternative"));
        }
        return box;
    }

    private static Node renderReferences(PhotoItem item) {
        VBox box = new VBox(1);
        List<String> refs = item.references();
        if (refs.isEmpty()) {
            box.getChildren().add(PhotoTables.wrapping("no references", "muted"));
        }
        for (int i = 0; i < Math.min(5, refs.size()); i++) {
            box.getChildren().add(PhotoTables.wrapping("• " + refs.get(i), "reference-text"));
        }
        return box;
    }

    private static Node renderVerdict(PhotoItem item) {
        Verdict v = item.verdictProperty().get();
        if (v == null) {
            return PhotoTables.wrapping("not reviewed", "muted");
        }
        Label badge = new Label(v == Verdict.OK ? "OK" : "Failure");
        badge.getStyleClass().addAll("verdict-badge", v == Verdict.OK ? "verdict-ok" : "verdict-failure");
        VBox box = new VBox(4, badge);
        FailureCategory c = item.failureCategoryProperty().get();
        if (c != null) {
            box.getChildren().add(PhotoTables.wrapping(c.label(), "category-text"));
        }
        return box;
    }

    // ------------------------------------------------------------------ side panel

    private Node sidePanel() {
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        StackPane frame = new StackPane(preview);
        frame.getStyleClass().add("detail-image");
        frame.setMinHeight(180);
        frame.setPrefHeight(210);
        preview.imageView().fitWidthProperty().bind(frame.widthProperty().subtract(12));
        preview.imageView().setFitHeight(198);
        caption.setWrapText(true);
        caption.getStyleClass().add("caption-text");

        ok.setId("verdict-ok");
        failure.setId("verdict-failure");
        ToggleButton none = new ToggleButton("Not reviewed");
        none.setId("verdict-none");
        ok.setTooltip(new Tooltip("The caption is correct (O)"));
        failure.setTooltip(new Tooltip("The caption is wrong; pick how below (F)"));
        none.setTooltip(new Tooltip("Remove the verdict (U)"));
        ok.setOnAction(e -> buttonAction(vm::markOk));
        failure.setOnAction(e -> buttonAction(vm::markFailure));
        none.setOnAction(e -> buttonAction(vm::clearVerdict));
        ok.getStyleClass().addAll("verdict-toggle", "toggle-ok");
        failure.getStyleClass().addAll("verdict-toggle", "toggle-failure");
        none.getStyleClass().add("verdict-toggle");
        for (ToggleButton b : List.of(ok, failure, none)) {
            b.setFocusTraversable(false);
        }
        HBox verdicts = new HBox(6, ok, failure, none);

        GridPane categories = new GridPane();
        categories.setHgap(6);
        categories.setVgap(6);
        for (int i = 0; i < InspectionViewModel.CATEGORY_KEYS.size(); i++) {
            FailureCategory c = InspectionViewModel.CATEGORY_KEYS.get(i);
            int key = i + 1;
            ToggleButton b = new ToggleButton(key + "  " + c.label().replace(" or ", "/"));
            b.getStyleClass().add("category-toggle");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip("Failure: " + c.label() + " (" + key + ")"));
            b.setOnAction(e -> buttonAction(() -> vm.pickCategory(key)));
            categoryButtons.add(b);
            categories.add(b, i % 2, i / 2);
        }
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        categories.getColumnConstraints().setAll(half, half);

        note.setId("note");
        note.setPromptText("Note (N to write; Enter saves, Shift+Enter new line, Esc discards)");
        note.setWrapText(true);
        note.setPrefRowCount(3);
        note.setTooltip(new Tooltip("A free note on this photo, saved with the project (N)"));
        note.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTypedN) {
                swallowTypedN = false;
                if (e.getCharacter().equalsIgnoreCase("n")) {
                    e.consume();
                }
            }
        });
        note.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            swallowTypedN = false;
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                commitNote();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                editingNote = false;
                refreshPanel();
                table.requestFocus();
                e.consume();
            }
        });
        note.focusedProperty().addListener((obs, was, now) -> {
            editingNote = now;
            if (!now) {
                vm.setNote(note.getText());
            }
        });

        Label keys = new Label("J / K or ↓ / ↑  next / previous\nO  OK   ·   F  failure   ·   U  not reviewed\n1–8  category   ·   N  note");
        keys.getStyleClass().addAll("muted", "review-keys");
        keys.setWrapText(true);

        ScrollPane scroll = Panes.detailColumn(title, frame, caption, heading("Verdict"), verdicts,
                heading("Failure category (1–8)"), categories, heading("Note (N)"), note, keys);
        scroll.setMinWidth(260);
        scroll.setPrefWidth(370);
        return scroll;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private void buttonAction(Runnable action) {
        action.run();
        refreshPanel(); // a toggle flips itself on click; show the photo's state instead
        table.requestFocus();
    }

    /** Puts the cursor in the note field (N). */
    public void editNote() {
        if (vm.selectedProperty().get() != null) {
            note.requestFocus();
            note.positionCaret(note.getText().length());
        }
    }

    private void commitNote() {
        vm.setNote(note.getText());
        table.requestFocus();
    }

    private void showInPanel(PhotoItem item) {
        if (panelItem != null) {
            if (editingNote) {
                panelItem.noteProperty().set(note.getText().isBlank() ? null : note.getText().strip());
            }
            watched(panelItem).forEach(o -> o.removeListener(panelRefresh));
        }
        editingNote = false;
        panelItem = item;
        if (item != null) {
            watched(item).forEach(o -> o.addListener(panelRefresh));
            Thumbnail next = previews.get(item.path());
            if (next != preview.thumbnail()) {
                previews.release(preview.thumbnail());
            }
            preview.show(next);
        } else {
            previews.release(preview.thumbnail());
            preview.show(null);
        }
        refreshPanel();
    }

    private static List<Observable> watched(PhotoItem item) {
        return List.of(item.verdictProperty(), item.failureCategoryProperty(), item.noteProperty(),
                item.displayCaptionProperty(), item.statusProperty());
    }

    private void refreshPanel() {
        PhotoItem item = panelItem;
        boolean has = item != null;
        title.setText(has ? item.fileName() : "No photo selected");
        String text = has ? item.displayCaptionProperty().get() : null;
        caption.setText(text == null ? (has ? item.status().label() : "") : text);
        Verdict v = has ? item.verdictProperty().get() : null;
        ok.setSelected(v == Verdict.OK);
        failure.setSelected(v == Verdict.FAILURE);
        FailureCategory c = has ? item.failureCategoryProperty().get() : null;
        for (int i = 0; i < categoryButtons.size(); i++) {
            categoryButtons.get(i).setSelected(c == InspectionViewModel.CATEGORY_KEYS.get(i));
            categoryButtons.get(i).setDisable(!has);
        }
        ok.setDisable(!has);
        failure.setDisable(!has);
        note.setDisable(!has);
        if (!editingNote) {
            note.setText(has && item.noteProperty().get() != null ? item.noteProperty().get() : "");
        }
    }
}
