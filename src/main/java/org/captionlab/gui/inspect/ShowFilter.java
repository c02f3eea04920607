package org.captionlab.gui.inspect;

/** Which photos are shown, by review state and flags. */
public enum ShowFilter {
    ALL("All photos"),
    WITH_REFERENCES("With references"),
    NOT_REVIEWED("Not reviewed"),
    OK("Marked OK"),
    FAILURE("Marked failure"),
    EDITED("Edited captions"),
    DISAGREE("Models disagree");

    private final String label;

    ShowFilter(String label) {
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
