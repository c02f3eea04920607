package org.captionlab.gui.library;

/** Where a photo stands in the captioning pipeline. */
public enum PhotoStatus {
    /** Not captioned and not waiting (e.g. after a cancelled batch, or while no model is loaded). */
    PENDING("Not captioned"),
    /** Waiting in the queue. */
    QUEUED("Waiting…"),
    /** Being encoded or decoded now. */
    CAPTIONING("Captioning…"),
    /** Has captions (possibly from older decoding settings while it waits for a re-decode). */
    DONE("Captioned"),
    /** Could not be captioned; {@link PhotoItem#errorProperty()} says why. */
    FAILED("Failed");

    private final String label;

    PhotoStatus(String label) {
        this.label = label;
    }

    /** Words for the user. */
    public String label() {
        return label;
    }
}
