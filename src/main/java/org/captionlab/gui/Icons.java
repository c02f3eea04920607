package org.captionlab.gui;

import javafx.scene.layout.Region;

/**
 * Small monochrome icons drawn by CSS ({@code -fx-shape} in base.css, coloured like the text), so they
 * follow the theme and need no image files.
 */
public final class Icons {

    private Icons() {
    }

    /** A 16 px icon; {@code name} is one of the {@code .icon-*} classes of base.css without the prefix. */
    public static Region icon(String name) {
        Region r = new Region();
        r.getStyleClass().addAll("icon", "icon-" + name);
        return r;
    }
}
