package org.captionlab.gui.library;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.captionlab.gui.Icons;
import org.captionlab.gui.Tips;

/**
 * One photo in the grid: thumbnail, caption (or status), an "edited" marker. Tiles are recycled by the
 * virtualised grid: {@link #show} rebinds one to another photo.
 */
final class PhotoTile extends VBox {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");

    private final ThumbnailCache thumbnails;
    private final ThumbnailView image = new ThumbnailView();
    private final Label status = new Label();
    private final Label edited = new Label("edited");
    private final Label caption = new Label();
    private final StackPane frame;
    private final InvalidationListener refresh = obs -> refresh();
    /** Photos hold the tile only weakly, so a tile the grid drops is not kept alive by its last photo. */
    private final InvalidationListener weakRefresh = new WeakInvalidationListener(refresh);
    private PhotoItem item;

    PhotoTile(ThumbnailCache thumbnails, double imageWidth, double imageHeight) {
        this.thumbnails = thumbnails;
        getStyleClass().add("photo-tile");
        frame = new StackPane(Icons.icon("photo"), image, status, edited);
        frame.getStyleClass().add("photo-frame");
        StackPane.setAlignment(status, Pos.BOTTOM_LEFT);
        StackPane.setAlignment(edited, Pos.TOP_RIGHT);
        status.getStyleClass().add("tile-status");
        status.setMouseTransparent(true);
        edited.getStyleClass().add("tile-edited");
        edited.setMouseTransparent(true);
        // The badge keeps its whole word ("edited", never "e…").
        edited.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.getStyleClass().add("tile-caption");
        caption.setWrapText(true);
        caption.setTextOverrun(OverrunStyle.ELLIPSIS);
        getChildren().addAll(frame, caption);
        setImageBox(imageWidth, imageHeight);
        Tips.lazy(this, this::tooltipText, tip -> {
            tip.setWrapText(true);
            tip.setMaxWidth(360);
        });
    }

    PhotoItem item() {
        return item;
    }

    /** Sizes the tile for a thumbnail box of {@code imageWidth × imageHeight}, plus padding and caption. */
    void setImageBox(double imageWidth, double imageHeight) {
        image.imageView().setFitWidth(imageWidth);
        image.imageView().setFitHeight(imageHeight);
        frame.setMinSize(imageWidth, imageHeight);
        frame.setPrefSize(imageWidth, imageHeight);
        frame.setMaxSize(imageWidth, imageHeight);
        caption.setPrefWidth(imageWidth);
        caption.setMaxWidth(imageWidth);
        double width = imageWidth + LibraryView.TILE_PADDING;
        setMinWidth(width);
        setPrefWidth(width);
        setMaxWidth(width);
    }

    /** Shows another photo (or none). */
    void show(PhotoItem next, PhotoItem selected) {
        if (next == item) {
            setSelected(next != null && next == selected);
            return;
        }
        if (item != null) {
            item.statusProperty().removeListener(weakRefresh);
            item.displayCaptionProperty().removeListener(weakRefresh);
            item.editedCaptionProperty().removeListener(weakRefresh);
            item.staleProperty().removeListener(weakRefresh);
            item.errorProperty().removeListener(weakRefresh);
            // A tile scrolled away: its thumbnail, if not decoded yet, is not needed any more.
            thumbnails.release(image.thumbnail());
        }
        item = next;
        image.show(null);
        if (item != null) {
            item.statusProperty().addListener(weakRefresh);
            item.displayCaptionProperty().addListener(weakRefresh);
            item.editedCaptionProperty().addListener(weakRefresh);
            item.staleProperty().addListener(weakRefresh);
            item.errorProperty().addListener(weakRefresh);
            image.show(thumbnails.get(item.path()));
        }
        setSelected(item != null && item == selected);
        refresh();
    }

    void setSelected(boolean value) {
        pseudoClassStateChanged(SELECTED, value);
    }

    private void refresh() {
        if (item == null) {
            caption.setText("");
            status.setVisible(false);
            edited.setVisible(false);
            return;
        }
        PhotoStatus s = item.status();
        String text = item.displayCaptionProperty().get();
        boolean hasText = text != null;
        caption.setText(hasText ? text : (s == PhotoStatus.FAILED ? item.fileName() + ": could not be captioned" : s.label()));
        status.setText(s == PhotoStatus.DONE ? (item.staleProperty().get() ? "Updating…" : "") : s.label());
        status.setVisible(!status.getText().isEmpty());
        edited.setVisible(item.isEdited());
        pseudoClassStateChanged(FAILED, s == PhotoStatus.FAILED);
        pseudoClassStateChanged(STALE, s == PhotoStatus.DONE && item.staleProperty().get());
        pseudoClassStateChanged(WAITING, !hasText);
    }

    /** File name, caption (yours and the model's when edited), and the status or error. */
    private String tooltipText() {
        if (item == null) {
            return null;
        }
        PhotoStatus s = item.status();
        String text = item.displayCaptionProperty().get();
        StringBuilder tip = new StringBuilder(item.fileName());
        if (item.isEdited()) {
            tip.append("\nYour caption: ").append(item.editedCaptionProperty().get());
            if (item.modelCaptionProperty().get() != null) {
                tip.append("\nModel: ").append(item.modelCaptionProperty().get());
            }
        } else if (text != null) {
            tip.append('\n').append(text);
        }
        if (s == PhotoStatus.FAILED && item.errorProperty().get() != null) {
            tip.append('\n').append(item.errorProperty().get());
        } else if (s != PhotoStatus.DONE) {
            tip.append("\n").append(s.label());
        }
        return tip.toString();
    }
}
