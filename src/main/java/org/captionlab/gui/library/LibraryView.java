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
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
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
 * virtualises rows, so only the visible tiles exist and 10,000 photos scroll as smoothly as 10. The grid
 * fills its width: the number of columns follows the width, and the tiles grow or shrink a little
 * (between {@link #MIN_SCALE} and {@link #MAX_SCALE} of their nominal size) so that the row ends at the
 * scroll bar instead of leaving a strip of up to a tile's width unused. Selection is the view model's,
 * not the ListView's (which only knows rows): click or use the arrow keys.
 */
public final class LibraryView {

    /** Nominal thumbnail box; tiles are a little wider for padding. */
    public static final double IMAGE_WIDTH = 168;
    public static final double IMAGE_HEIGHT = 126;
    /** Tiles are at least this fraction of the nominal size (else one column fewer)… */
    static final double MIN_SCALE = 0.8;
    /** …and at most this one (only a grid narrower than two small tiles leaves width unused). */
    static final double MAX_SCALE = 1.25;
    /** The largest thumbnail box a tile shows: thumbnails are decoded at this size, so they are never blown up. */
    public static final double MAX_IMAGE_WIDTH = Math.ceil(IMAGE_WIDTH * MAX_SCALE);
    public static final double MAX_IMAGE_HEIGHT = Math.ceil(IMAGE_HEIGHT * MAX_SCALE);
    /** Tile padding and border around the thumbnail box. */
    static final double TILE_PADDING = 14;
    static final double TILE_WIDTH = IMAGE_WIDTH + TILE_PADDING;
    static final double GAP = 8;
    /** Height of a row beyond the thumbnail box: caption, spacing, padding. */
    private static final double ROW_EXTRA_HEIGHT = 66;
    /** The vertical scroll bar's width until the list has made one. */
    private static final double SCROLLBAR_WIDTH = 16;

    private final ObservableList<PhotoItem> items;
    private final ObjectProperty<PhotoItem> selected;
    private final ThumbnailCache thumbnails;
    private final Runnable onActivate;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ListView<Row> list = new ListView<>(rows);
    /** Tiles alive in cells; weak, so tiles of cells the ListView drops are collected. */
    private final Set<PhotoTile> tiles = Collections.newSetFromMap(new WeakHashMap<>());
    private int columns = 1;
    private double tileWidth = TILE_WIDTH;
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
        list.setFixedCellSize(IMAGE_HEIGHT + ROW_EXTRA_HEIGHT);
        list.setCellFactory(lv -> new RowCell());
        list.setPlaceholder(emptyHint);
        list.setFocusTraversable(true);
        list.setTooltip(new Tooltip("Photos: click to select, arrow keys to move, double-click or Enter to edit the caption"));
        list.widthProperty().addListener((obs, o, n) -> relayout(false));
        list.insetsProperty().addListener((obs, o, n) -> relayout(false));
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

    /** Width of a tile now (tests). */
    public double tileWidth() {
        return tileWidth;
    }

    /**
     * How a row of tiles fills {@code width} pixels: the column count whose tiles are closest to their nominal
     * width, the tiles then stretched or shrunk (within {@link #MIN_SCALE}..{@link #MAX_SCALE}) to fill the row.
     *
     * @param width the room for a row (the list's width less its scroll bar)
     * @return the columns and the tile width (whole pixels, so that a row never overflows)
     */
    static Fit fit(double width) {
        double room = Math.max(0, width);
        double min = Math.floor(TILE_WIDTH * MIN_SCALE);
        double max = MAX_IMAGE_WIDTH + TILE_PADDING;
        int cols = Math.max(1, (int) Math.round((room + GAP) / (TILE_WIDTH + GAP)));
        if (tile(room, cols) < min && cols > 1) {
            cols--;
        } else if (tile(room, cols) > max && tile(room, cols + 1) >= min) {
            cols++;
        }
        return new Fit(cols, Math.max(min, Math.min(max, tile(room, cols))));
    }

    private static double tile(double room, int cols) {
        return Math.floor((room - (cols - 1) * GAP) / cols);
    }

    /** A grid row's layout: {@code columns} tiles of {@code tileWidth} pixels, {@link #GAP} apart. */
    record Fit(int columns, double tileWidth) {

        /** The thumbnail box of such a tile: the nominal box's aspect ratio, the tile's padding around it. */
        double imageWidth() {
            return tileWidth - TILE_PADDING;
        }

        double imageHeight() {
            return Math.round(imageWidth() * IMAGE_HEIGHT / IMAGE_WIDTH);
        }
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

    /**
     * The width a row of tiles has: the list's less its padding and the vertical scroll bar's, whether or not
     * the bar shows now (so the tiles do not change size when enough photos for a scroll bar arrive).
     */
    private double rowRoom() {
        double width = list.getWidth() > 0 ? list.getWidth() : list.getPrefWidth();
        double bar = SCROLLBAR_WIDTH;
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL) {
                bar = Math.max(b.getWidth(), b.prefWidth(-1));
            }
        }
        return width - list.snappedLeftInset() - list.snappedRightInset() - bar;
    }

    private void relayout(boolean contentChanged) {
        Fit fit = fit(rowRoom());
        if (fit.tileWidth() != tileWidth) {
            tileWidth = fit.tileWidth();
            list.setFixedCellSize(fit.imageHeight() + ROW_EXTRA_HEIGHT);
            for (PhotoTile t : tiles) {
                t.setImageBox(fit.imageWidth(), fit.imageHeight());
            }
        }
        int cols = fit.columns();
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
            // The row asks for no width of its own: the list lays every row out at its own width anyway, and a
            // row that asked for its tiles' width would leave the list a horizontal scroll bar (it keeps the
            // widest row it has seen) after the tiles shrink with the window.
            box.setMinWidth(0);
            box.setPrefWidth(0);
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
        Fit fit = new Fit(columns, tileWidth);
        PhotoTile tile = new PhotoTile(thumbnails, fit.imageWidth(), fit.imageHeight());
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
