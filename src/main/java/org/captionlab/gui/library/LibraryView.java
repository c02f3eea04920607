package org.captionlab.gui.library;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.captionlab.gui.Icons;

/**
 * The photo grid: a {@link ListView} of rows, each row a strip of {@link PhotoTile}s. The ListView
 * virtualises rows, so only the visible tiles exist and 10,000 photos scroll as smoothly as 10; the
 * number of columns follows the width. Selection is the view model's, not the ListView's (which only
 * knows rows): click or use the arrow keys.
 */
public final class LibraryView {

    /** Thumbnail box; tiles are a little wider for padding. */
    public static final double IMAGE_WIDTH = 168;
    public static final double IMAGE_HEIGHT = 126;
    static final double TILE_WIDTH = IMAGE_WIDTH + 14;
    static final double GAP = 8;
    /** Room for the vertical scroll bar and the list's insets. */
    private static final double SCROLLBAR_ALLOWANCE = 24;

    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final ThumbnailCache thumbnails;
    private final Runnable onActivate;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ListView<Row> list = new ListView<>(rows);
    /** Tiles alive in cells; weak, so tiles of cells the ListView drops are collected. */
    private final Set<PhotoTile> tiles = Collections.newSetFromMap(new WeakHashMap<>());
    private int columns = 1;
    private long layoutVersion;

    /**
     * A row of the grid. The version changes whenever rows show other photos (a new column count, photos
     * added), so the ListView sees changed items and updates its cells in place; {@code refresh()} would
     * recreate every cell instead.
     */
    private record Row(int index, long version) {
    }

    /**
     * @param items      the photos
     * @param selected   the selected photo (two-way)
     * @param thumbnails thumbnail cache
     * @param onActivate double-click or Enter on a photo (the main view starts editing its caption)
     * @param emptyHint  shown while there are no photos
     */
    public LibraryView(ObservableList<PhotoItem> items, ObjectProperty<PhotoItem> selected, ThumbnailCache thumbnails,
                       Runnable onActivate, Node emptyHint) {
        this.items = items;
        this.selected = selected;
        this.thumbnails = thumbnails;
        this.onActivate = onActivate;
        list.getStyleClass().add("photo-grid");
        list.setId("photo-grid");
        list.setFixedCellSize(IMAGE_HEIGHT + 66);
        list.setCellFactory(lv -> new RowCell());
        list.setPlaceholder(emptyHint);
        list.setFocusTraversable(true);
        list.setTooltip(new Tooltip("Photos: click to select, arrow keys to move, double-click or Enter to edit the caption"));
        list.widthProperty().addListener((obs, o, n) -> relayout(false));
        items.addListener((ListChangeListener<PhotoItem>) c -> relayout(true));
        selected.addListener((obs, old, now) -> {
            for (PhotoTile t : tiles) {
                t.setSelected(t.item() != null && t.item() == now);
            }
            if (now != null) {
                reveal(now);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        relayout(true);
    }

    /** The grid control. */
    public ListView<?> node() {
        return list;
    }

    /** Columns shown now (tests and keyboard navigation). */
    public int columns() {
        return columns;
    }

    /** An empty-library hint with a big icon and text. */
    public static Node emptyHint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("empty-hint");
        label.setWrapText(true);
        VBox box = new VBox(12, Icons.icon("drop"), label);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(340);
        return box;
    }

    private void relayout(boolean contentChanged) {
        double width = list.getWidth() > 0 ? list.getWidth() : list.getPrefWidth();
        int cols = Math.max(1, (int) Math.floor((width - SCROLLBAR_ALLOWANCE + GAP) / (TILE_WIDTH + GAP)));
        if (cols == columns && !contentChanged) {
            return;
        }
        columns = cols;
        int rowCount = (items.size() + cols - 1) / cols;
        layoutVersion++;
        List<Row> next = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            next.add(new Row(i, layoutVersion));
        }
        rows.setAll(next);
    }

    private void onKey(KeyEvent e) {
        if (items.isEmpty()) {
            return;
        }
        PhotoItem current = selected.get();
        int index = current == null ? -1 : items.indexOf(current);
        int next;
        KeyCode code = e.getCode();
        switch (code) {
            case LEFT -> next = index - 1;
            case RIGHT -> next = index + 1;
            case UP -> next = index - columns;
            case DOWN -> next = index < 0 ? 0 : index + columns;
            case HOME -> next = 0;
            case END -> next = items.size() - 1;
            case ENTER, F2 -> { // F2 too: the ListView would take it for its own (row) editing
                if (current != null) {
                    onActivate.run();
                }
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        e.consume();
        if (index < 0) {
            next = 0;
        }
        next = Math.max(0, Math.min(items.size() - 1, next));
        selected.set(items.get(next));
    }

    /** Scrolls just enough to show the photo's row. */
    private void reveal(PhotoItem item) {
        int index = items.indexOf(item);
        if (index < 0) {
            return;
        }
        int row = index / columns;
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(row);
        } else {
            list.scrollTo(row);
        }
    }

    private final class RowCell extends ListCell<Row> {
        private final HBox box = new HBox(GAP);

        RowCell() {
            getStyleClass().add("photo-row");
            box.setAlignment(Pos.TOP_LEFT);
            setText(null);
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                for (Node n : box.getChildren()) {
                    ((PhotoTile) n).show(null, null);
                }
                setGraphic(null);
                return;
            }
            int start = row.index() * columns;
            int count = Math.max(0, Math.min(columns, items.size() - start));
            while (box.getChildren().size() > count) {
                PhotoTile t = (PhotoTile) box.getChildren().remove(box.getChildren().size() - 1);
                t.show(null, null);
                tiles.remove(t);
            }
            while (box.getChildren().size() < count) {
                box.getChildren().add(newTile());
            }
            PhotoItem sel = selected.get();
            for (int i = 0; i < count; i++) {
                ((PhotoTile) box.getChildren().get(i)).show(items.get(start + i), sel);
            }
            setGraphic(box);
        }
    }

    private PhotoTile newTile() {
        PhotoTile tile = new PhotoTile(thumbnails, IMAGE_WIDTH, IMAGE_HEIGHT);
        tile.setPrefWidth(TILE_WIDTH);
        tile.setMinWidth(TILE_WIDTH);
        tile.setMaxWidth(TILE_WIDTH);
        tile.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || tile.item() == null) {
                return;
            }
            selected.set(tile.item());
            list.requestFocus();
            if (e.getClickCount() == 2) {
                onActivate.run();
            }
        });
        tiles.add(tile);
        return tile;
    }
}
