package org.captionlab.gui.inspect;

import java.util.List;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.VBox;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.Thumbnail;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.gui.library.ThumbnailView;

/**
 * Building blocks of the review and comparison tables: columns whose cells follow their photo's
 * properties, thumbnails from the shared cache, score labels, and a selection kept in step with the app's
 * selected photo.
 */
final class PhotoTables {

    private PhotoTables() {
    }

    /** Renders a photo into a cell's graphic. */
    @FunctionalInterface
    interface Renderer {
        Node render(PhotoItem item);
    }

    /**
     * A column whose cells re-render when one of {@code watched}'s observables of their photo changes.
     * Cells listen weakly, so photos do not keep recycled cells alive.
     */
    static TableColumn<PhotoItem, PhotoItem> column(String title, double width, Function<PhotoItem, List<Observable>> watched,
                                                    Renderer renderer) {
        TableColumn<PhotoItem, PhotoItem> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        col.setCellFactory(c -> new ItemCell(watched, renderer));
        col.setPrefWidth(width);
        col.setSortable(false);
        col.setReorderable(false);
        return col;
    }

    private static final class ItemCell extends TableCell<PhotoItem, PhotoItem> {
        private final Function<PhotoItem, List<Observable>> watched;
        private final Renderer renderer;
        private final InvalidationListener refresh = obs -> refresh();
        private final InvalidationListener weakRefresh = new WeakInvalidationListener(refresh);
        private PhotoItem shown;

        ItemCell(Function<PhotoItem, List<Observable>> watched, Renderer renderer) {
            this.watched = watched;
            this.renderer = renderer;
            setAlignment(Pos.TOP_LEFT);
        }

        @Override
        protected void updateItem(PhotoItem item, boolean empty) {
            super.updateItem(item, empty);
            PhotoItem next = empty ? null : item;
            if (next != shown) {
                if (shown != null) {
                    watched.apply(shown).forEach(o -> o.removeListener(weakRefresh));
                }
                shown = next;
                if (shown != null) {
                    watched.apply(shown).forEach(o -> o.addListener(weakRefresh));
                }
            }
            refresh();
        }

        private void refresh() {
            setText(null);
            setGraphic(shown == null ? null : renderer.render(shown));
        }
    }

    /** A thumbnail with the file name below it. */
    static TableColumn<PhotoItem, PhotoItem> thumbnailColumn(ThumbnailCache thumbnails, double size) {
        TableColumn<PhotoItem, PhotoItem> col = new TableColumn<>("Photo");
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        col.setCellFactory(c -> new ThumbnailCell(thumbnails, size));
        col.setPrefWidth(size + 16);
        col.setMinWidth(size + 16);
        col.setMaxWidth(size + 16);
        col.setSortable(false);
        col.setReorderable(false);
        col.setResizable(false);
        return col;
    }

    private static final class ThumbnailCell extends TableCell<PhotoItem, PhotoItem> {
        private final ThumbnailCache thumbnails;
        private final ThumbnailView image = new ThumbnailView();
        private final Label name = new Label();
        private final VBox box;

        ThumbnailCell(ThumbnailCache thumbnails, double size) {
            this.thumbnails = thumbnails;
            image.imageView().setFitWidth(size);
            image.imageView().setFitHeight(size * 0.75);
            name.getStyleClass().addAll("table-file-name", "muted");
            name.setMaxWidth(size);
            name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            box = new VBox(3, image, name);
            box.setAlignment(Pos.TOP_CENTER);
            setAlignment(Pos.TOP_CENTER);
        }

        @Override
        protected void updateItem(PhotoItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                thumbnails.release(image.thumbnail());
                image.show(null);
                setGraphic(null);
                return;
            }
            Thumbnail thumb = thumbnails.get(item.path());
            if (thumb != image.thumbnail()) {
                thumbnails.release(image.thumbnail());
            }
            image.show(thumb);
            name.setText(item.fileName());
            setGraphic(box);
        }
    }

    /** A wrapping label for a cell. */
    static Label wrapping(String text, String... styles) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        l.getStyleClass().addAll(styles);
        return l;
    }

    /** "CIDEr-D 0.532" lines for a score cell. */
    static VBox scoreLines(CaptionScores s, CaptionScores edited) {
        VBox box = new VBox(1);
        if (s == null) {
            box.getChildren().add(wrapping("no scores", "muted"));
            return box;
        }
        box.getChildren().add(scoreLine("CIDEr-D", s.ciderD(), "score-main"));
        box.getChildren().add(scoreLine("BLEU-4", s.bleu4(), "score-line"));
        box.getChildren().add(scoreLine("ROUGE-L", s.rougeL(), "score-line"));
        if (edited != null) {
            Label e = wrapping("edited: CIDEr-D " + InspectionViewModel.score(edited.ciderD()), "score-edited");
            box.getChildren().add(e);
        }
        return box;
    }

    private static Label scoreLine(String metric, double value, String style) {
        Label l = new Label(metric + " " + InspectionViewModel.score(value));
        l.getStyleClass().add(style);
        return l;
    }

    /**
     * Keeps the table's selection and the app's selected photo in step, and scrolls the table to a photo
     * selected elsewhere (the grid, the keyboard).
     */
    static void syncSelection(TableView<PhotoItem> table, ObjectProperty<PhotoItem> selected) {
        boolean[] updating = {false};
        Runnable fromModel = () -> {
            PhotoItem item = selected.get();
            updating[0] = true;
            try {
                int index = item == null ? -1 : table.getItems().indexOf(item);
                if (index < 0) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().clearAndSelect(index);
                    reveal(table, index);
                }
            } finally {
                updating[0] = false;
            }
        };
        selected.addListener((obs, o, n) -> fromModel.run());
        table.getItems().addListener((javafx.collections.ListChangeListener<PhotoItem>) c -> fromModel.run());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (!updating[0] && n != null) {
                selected.set(n);
            }
        });
        fromModel.run();
    }

    /** Scrolls just enough to show a row. */
    static void reveal(TableView<PhotoItem> table, int index) {
        if (table.getSkin() instanceof TableViewSkin<?> skin) {
            for (Node n : skin.getChildren()) {
                if (n instanceof VirtualFlow<?> flow) {
                    flow.scrollTo(index); // minimal scroll, unlike TableView.scrollTo, which puts the row on top
                    return;
                }
            }
        }
        table.scrollTo(index);
    }
}
