package org.captionlab.gui.export;

/** Which photos an export writes. */
public enum ExportScope {
    /** Every photo of the library, in library order. */
    ALL("All photos"),
    /** The photos the filters show, in the shown order. */
    SHOWN("Photos shown by the filters"),
    /** The selected photo only. */
    SELECTED("Selected photo only");

    private final String label;

    ExportScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
