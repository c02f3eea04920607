package org.captionlab.gui;

/** The look of the app. */
public enum Theme {
    LIGHT("Light", "light.css"),
    DARK("Dark", "dark.css");

    private final String label;
    private final String stylesheet;

    Theme(String label, String stylesheet) {
        this.label = label;
        this.stylesheet = stylesheet;
    }

    public String label() {
        return label;
    }

    /** The stylesheet's name beside the gui classes, applied on top of {@code base.css}. */
    public String stylesheet() {
        return stylesheet;
    }
}
