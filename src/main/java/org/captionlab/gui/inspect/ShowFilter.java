package org.captionlab.gui.inspect;

/** Which photos are shown, by review state and flags. */
public enum ShowFilter {
    ALL,
    WITH_REFERENCES,
    NOT_REVIEWED,
    OK,
    FAILURE,
    EDITED,
    DISAGREE;

    public String label() {
        return switch (this) {
            case ALL -> "All photos";
            case WITH_REFERENCES -> "With references";
            case NOT_REVIEWED -> "Not reviewed";
            case OK -> "Marked OK";
            case FAILURE -> "Marked failure";
            case EDITED -> "Edited captions";
            case DISAGREE -> "Models disagree";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
