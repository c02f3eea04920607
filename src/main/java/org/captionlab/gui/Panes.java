package org.captionlab.gui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** Layouts that several views share, so that they look alike and are built in one place. */
public final class Panes {

    private Panes() {
    }

    /** The scrolling information column beside a photo (the detail pane, the review panel). */
    public static ScrollPane detailColumn(Node... content) {
        VBox box = new VBox(10, content);
        box.setPadding(new Insets(10, 12, 12, 12));
        box.getStyleClass().add("detail-info");
        box.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("detail-scroll");
        return scroll;
    }
}
