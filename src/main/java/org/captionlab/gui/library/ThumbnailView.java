package org.captionlab.gui.library;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.captionlab.gui.Icons;

/**
 * Shows a {@link Thumbnail}: the picture once loaded, or a "cannot open" placeholder (with the reason as
 * tooltip) when the photo cannot be read. Reused by recycled cells: {@link #show} rebinds it.
 */
public final class ThumbnailView extends StackPane {

    private final ImageView image = new ImageView();
    private final VBox failed;
    private final Tooltip reason = new Tooltip();
    private Thumbnail shown;

    public ThumbnailView() {
        getStyleClass().add("thumbnail-view");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        Label text = new Label("Cannot open photo");
        text.getStyleClass().add("thumbnail-failed-text");
        failed = new VBox(4, Icons.icon("warning"), text);
        failed.setAlignment(Pos.CENTER);
        failed.getStyleClass().add("thumbnail-failed");
        failed.setVisible(false);
        Tooltip.install(failed, reason);
        reason.setWrapText(true);
        reason.setMaxWidth(360);
        text.setWrapText(true);
        // The image view sizes the pane; the placeholder fills whatever it gets.
        failed.setMinSize(0, 0);
        failed.setPrefSize(0, 0);
        getChildren().addAll(image, failed);
    }

    /** The image view, for fit sizes. */
    public ImageView imageView() {
        return image;
    }

    /** The thumbnail shown, or null. */
    public Thumbnail thumbnail() {
        return shown;
    }

    /** Shows another thumbnail (or none). */
    public void show(Thumbnail thumbnail) {
        if (thumbnail == shown) {
            return;
        }
        image.imageProperty().unbind();
        failed.visibleProperty().unbind();
        reason.textProperty().unbind();
        shown = thumbnail;
        if (thumbnail == null) {
            image.setImage(null);
            failed.setVisible(false);
            return;
        }
        image.imageProperty().bind(thumbnail.imageProperty());
        failed.visibleProperty().bind(thumbnail.errorProperty().isNotNull());
        reason.textProperty().bind(thumbnail.errorProperty());
    }
}
