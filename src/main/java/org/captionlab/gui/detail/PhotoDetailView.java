package org.captionlab.gui.detail;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.gui.Formats;
import org.captionlab.gui.Panes;
import org.captionlab.gui.Tips;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.gui.library.ThumbnailView;

/**
 * The selected photo: the image fitted to the pane, the caption (editable), the best caption's words
 * shaded by probability, the beam alternatives and the encoder's top labels.
 */
public final class PhotoDetailView {

    /**
     * Longest side of the preview image in pixels (the size of the previews cache the view is given); keeps
     * a 50-megapixel photo from filling the heap.
     */
    public static final double PREVIEW_SIZE = 1600;

    private final PhotoDetailViewModel vm;
    private final SplitPane root = new SplitPane();
    private final ThumbnailCache previews;
    private final ThumbnailView image = new ThumbnailView();
    private final TextField captionField = new TextField();
    private final FlowPane words = new FlowPane(4, 4);
    private final TableView<AlternativeRow> alternatives = new TableView<>();
    private final GridPane labels = new GridPane();
    private boolean editing;

    /**
     * @param previews decodes the selected photo upright in the background, at {@link #PREVIEW_SIZE}
     */
    public PhotoDetailView(PhotoDetailViewModel vm, ThumbnailCache previews) {
        this.vm = vm;
        this.previews = previews;
        root.setOrientation(Orientation.VERTICAL);
        root.getStyleClass().add("detail");
        root.setId("detail");
        root.getItems().addAll(imagePane(), infoPane());
        // The preview takes less than a third of the height, so that at 1280×800 the alternatives and the five
        // ImageNet labels fit below it.
        root.setDividerPositions(0.30);
        vm.photoProperty().addListener((obs, old, now) -> showImage(now));
        showImage(vm.photoProperty().get());
    }

    public Node node() {
        return root;
    }

    /** Puts the caption field into edit mode (F2, Enter, double-click). */
    public void startEditing() {
        if (vm.photoProperty().get() == null) {
            return;
        }
        editing = true;
        captionField.setEditable(true);
        captionField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("editing"), true);
        captionField.requestFocus();
        captionField.selectAll();
    }

    /** True while the caption is being edited. */
    public boolean isEditing() {
        return editing;
    }

    /** The caption field (tests type into it). */
    public TextField captionField() {
        return captionField;
    }

    private Node imagePane() {
        StackPane pane = new StackPane(image);
        pane.getStyleClass().add("detail-image");
        pane.setMinSize(120, 100);
        image.imageView().fitWidthProperty().bind(pane.widthProperty().subtract(16));
        image.imageView().fitHeightProperty().bind(pane.heightProperty().subtract(16));
        Label none = new Label("No photo selected");
        none.getStyleClass().add("muted");
        none.visibleProperty().bind(vm.photoProperty().isNull());
        pane.getChildren().add(none);
        Tooltip.install(pane, new Tooltip("The selected photo, fitted to the pane"));
        return pane;
    }

    private void showImage(PhotoItem item) {
        cancelEditing();
        // Clicking through photos quickly must not queue a decode for each one passed.
        previews.release(image.thumbnail());
        image.show(item == null ? null : previews.get(item.path()));
    }

    private Node infoPane() {
        Label title = new Label();
        title.getStyleClass().add("detail-title");
        title.textProperty().bind(vm.titleProperty());
        title.setTooltip(new Tooltip("File name of the selected photo"));

        Label status = new Label();
        status.getStyleClass().add("detail-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusTextProperty());
        status.visibleProperty().bind(vm.statusTextProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        return Panes.detailColumn(title, status, captionSection(), wordsSection(), alternativesSection(), referencesSection(),
                labelsSection());
    }

    private Node captionSection() {
        Label heading = heading("Caption");
        Label edited = new Label("edited");
        edited.getStyleClass().add("edited-badge");
        edited.visibleProperty().bind(vm.editedProperty());
        edited.setTooltip(new Tooltip("You changed this caption; the model's own stays below"));
        Button revert = new Button("Revert");
        revert.getStyleClass().add("small-button");
        revert.setTooltip(new Tooltip("Drop your edit and use the model's caption again (Ctrl+Shift+R)"));
        revert.visibleProperty().bind(vm.editedProperty());
        revert.setOnAction(e -> vm.revertEdit());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, heading, edited, spacer, revert);
        head.setAlignment(Pos.CENTER_LEFT);

        captionField.setId("caption-field");
        captionField.getStyleClass().add("caption-field");
        captionField.setEditable(false);
        captionField.setPromptText("No caption yet");
        captionField.setTooltip(new Tooltip("Double-click, F2 or Enter to edit; Enter saves, Esc discards"));
        vm.captionProperty().addListener((obs, o, n) -> {
            if (!editing) {
                captionField.setText(n);
            }
        });
        captionField.setText(vm.captionProperty().get());
        captionField.disableProperty().bind(vm.photoProperty().isNull());
        captionField.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !editing) {
                startEditing();
            }
        });
        captionField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (editing) {
                    commitEditing();
                } else {
                    startEditing();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.F2 && !editing) {
                startEditing();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && editing) {
                cancelEditing();
                e.consume();
            }
        });
        captionField.focusedProperty().addListener((obs, was, now) -> {
            if (!now && editing) {
                commitEditing(); // clicking elsewhere keeps what was typed, as in a spreadsheet
            }
        });
        return new VBox(4, head, captionField);
    }

    private void commitEditing() {
        String text = captionField.getText();
        stopEditing();
        vm.commitEdit(text);
        captionField.setText(vm.captionProperty().get());
    }

    private void cancelEditing() {
        if (editing) {
            stopEditing();
        }
        captionField.setText(vm.captionProperty().get());
    }

    private void stopEditing() {
        editing = false;
        captionField.setEditable(false);
        captionField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("editing"), false);
    }

    private Node wordsSection() {
        Label heading = heading("Model's best caption, word by word");
        heading.setTooltip(new Tooltip("Darker words were more likely under the model; hover a word for its probability"));
        words.getStyleClass().add("word-flow");
        words.setId("word-flow");
        vm.words().addListener((ListChangeListener<WordProbability>) c -> rebuildWords());
        rebuildWords();
        Label empty = new Label("—");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.words()));
        empty.managedProperty().bind(empty.visibleProperty());
        return new VBox(4, heading, words, empty);
    }

    private void rebuildWords() {
        words.getChildren().clear();
        for (WordProbability w : vm.words()) {
            Label chip = new Label(w.isEnd() ? "⏎" : w.word());
            chip.getStyleClass().add("word-chip");
            if (w.isEnd()) {
                chip.getStyleClass().add("end-chip");
            }
            double p = Math.max(0, Math.min(1, w.probability()));
            // One hue, opacity by probability: readable in both themes and without colour vision.
            double alpha = 0.10 + 0.80 * p;
            chip.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(52, 120, 246, %.3f);%s", alpha,
                    alpha > 0.55 ? " -fx-text-fill: white;" : ""));
            Tips.lazy(chip, () -> (w.isEnd() ? "end of caption" : "'" + w.word() + "'")
                    + String.format(Locale.ROOT, ": p = %.3f (%s)", w.probability(), Formats.percent(w.probability())),
                    tip -> tip.setShowDelay(javafx.util.Duration.millis(150)));
            words.getChildren().add(chip);
        }
    }

    private Node alternativesSection() {
        Label heading = heading("Alternatives");
        heading.setTooltip(new Tooltip("All captions the search returned, best first (change Alternatives in the decoding panel)"));
        alternatives.setId("alternatives");
        alternatives.getStyleClass().add("alternatives");
        alternatives.setItems(vm.alternatives());
        alternatives.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        alternatives.setPlaceholder(new Label("No captions yet"));
        alternatives.setTooltip(new Tooltip("Rank, caption, ranking score and per-word probability of each alternative"));
        alternatives.setFixedCellSize(26);
        alternatives.prefHeightProperty().bind(Bindings.min(6, Bindings.max(1, Bindings.size(vm.alternatives())))
                .multiply(26).add(32));
        alternatives.setMinHeight(60);

        TableColumn<AlternativeRow, Number> rank = new TableColumn<>("#");
        rank.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        rank.setPrefWidth(34);
        rank.setMinWidth(30);
        rank.setMaxWidth(44);
        rank.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<AlternativeRow, String> text = new TableColumn<>("Caption");
        text.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().text()));
        text.setPrefWidth(260);
        // The whole caption on hover, read then: cells are refilled on every decode.
        text.setCellFactory(col -> Tips.textCell(tip -> { }));
        // The score the rows are ranked by, explained in its header's tooltip; log p in each cell's tooltip.
        TableColumn<AlternativeRow, Number> score = new TableColumn<>();
        Label scoreHeader = new Label("score");
        scoreHeader.setTooltip(new Tooltip("What the alternatives are ranked by: log p / length^α, the log-probability"
                + " normalised by the caption's length (α = Length normalisation in the decoding panel; 0 = plain log p),"
                + " so that longer captions are not ranked lower just for having more words. Sampled captions are"
                + " ranked by log p."));
        score.setGraphic(scoreHeader);
        score.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().score()));
        score.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                AlternativeRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%.3f", item.doubleValue()));
                setTooltip(row == null ? null : new Tooltip(String.format(Locale.ROOT,
                        "log p = %.2f (probability of the whole caption %.2e)", row.logProb(), row.probability())));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        });
        score.setPrefWidth(66);
        score.setMinWidth(60);
        TableColumn<AlternativeRow, Number> prob = new TableColumn<>();
        Label probHeader = new Label("per word");
        probHeader.setTooltip(new Tooltip("How likely each word was, on average: the geometric mean of the word"
                + " probabilities (the end of the caption included)"));
        prob.setGraphic(probHeader);
        prob.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().perWordProbability()));
        prob.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.percent(item.doubleValue()));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        });
        prob.setPrefWidth(84);
        prob.setMinWidth(80);
        alternatives.getColumns().setAll(java.util.List.of(rank, text, score, prob));
        return new VBox(4, heading, alternatives);
    }

    private static TableCell<AlternativeRow, Number> numberCell(String format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, format, item.doubleValue()));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        };
    }

    private Node referencesSection() {
        Label heading = heading("References and scores");
        heading.setTooltip(new Tooltip("The photo's reference captions and the per-image scores of the model's best caption "
                + "against them (CIDEr-D over all scored photos)"));
        Label scores = new Label();
        scores.setId("detail-scores");
        scores.getStyleClass().add("detail-scores");
        scores.textProperty().bind(vm.scoresTextProperty());
        scores.visibleProperty().bind(vm.scoresTextProperty().isNotEmpty());
        scores.managedProperty().bind(scores.visibleProperty());
        Label edited = new Label();
        edited.getStyleClass().add("score-edited");
        edited.textProperty().bind(vm.editedScoresTextProperty());
        edited.visibleProperty().bind(vm.editedScoresTextProperty().isNotEmpty());
        edited.managedProperty().bind(edited.visibleProperty());
        VBox refs = new VBox(2);
        refs.setId("detail-references");
        Runnable rebuild = () -> {
            refs.getChildren().clear();
            for (String r : vm.references()) {
                Label l = new Label("• " + r);
                l.setWrapText(true);
                l.getStyleClass().add("reference-text");
                refs.getChildren().add(l);
            }
        };
        vm.references().addListener((ListChangeListener<String>) c -> rebuild.run());
        rebuild.run();
        VBox box = new VBox(4, heading, scores, edited, refs);
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.references()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node labelsSection() {
        Label heading = heading("Encoder's top ImageNet labels");
        heading.setTooltip(new Tooltip("What the image encoder's classifier head sees, from the same forward pass"));
        labels.setId("labels");
        labels.setHgap(8);
        labels.setVgap(4);
        ColumnConstraints name = new ColumnConstraints();
        name.setPercentWidth(42);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        ColumnConstraints pct = new ColumnConstraints(52);
        labels.getColumnConstraints().setAll(name, bar, pct);
        vm.labels().addListener((ListChangeListener<ImageLabel>) c -> rebuildLabels());
        rebuildLabels();

        // Which labels guided the caption, and the switch to caption this photo without them.
        Label guidance = new Label();
        guidance.setId("guidance");
        guidance.setWrapText(true);
        guidance.getStyleClass().add("muted");
        guidance.textProperty().bind(vm.guidanceTextProperty());
        guidance.visibleProperty().bind(vm.guidanceTextProperty().isNotEmpty());
        guidance.managedProperty().bind(guidance.visibleProperty());
        CheckBox guidePhoto = new CheckBox("Guide this photo's caption by its labels");
        guidePhoto.setId("guide-photo");
        guidePhoto.selectedProperty().bindBidirectional(vm.guidePhotoProperty());
        guidePhoto.setTooltip(new Tooltip("Off: this photo is captioned without label guidance, whatever the "
                + "decoding panel says (the others keep it)"));
        return new VBox(4, heading, labels, guidance, guidePhoto);
    }

    private void rebuildLabels() {
        labels.getChildren().clear();
        int row = 0;
        for (ImageLabel l : vm.labels()) {
            Label name = new Label(l.label());
            Tips.lazy(name, l::label);
            ProgressBar bar = new ProgressBar(l.probability());
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("label-bar");
            Tips.lazy(bar, () -> l.label() + ": " + Formats.percent(l.probability()));
            Label pct = new Label(Formats.percent(l.probability()));
            pct.getStyleClass().add("muted");
            labels.addRow(row++, name, bar, pct);
        }
        if (row == 0) {
            Label none = new Label("—");
            none.getStyleClass().add("muted");
            labels.addRow(0, none);
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }
}
