package org.captionlab.gui.export;

/** Which photos an export writes. */
public enum ExportScope {
    /** Every photo of the library, in library order. */
    ALL,
    /** The photos the filters show, in the shown order. */
    SHOWN,
    /** The selected photo only. */
    SELECTED;

    public String label() {
        return switch (this) {
            case ALL -> "All photos";
            case SHOWN -> "Photos shown by the filters";
            case SELECTED -> "Selected photo only";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
