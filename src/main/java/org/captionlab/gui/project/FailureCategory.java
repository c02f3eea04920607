package org.captionlab.gui.project;

/** How a caption fails, following the usual error taxonomy of captioning papers. */
public enum FailureCategory {
    WRONG_OBJECT,
    HALLUCINATED_OBJECT,
    WRONG_COUNT,
    WRONG_ACTION,
    WRONG_ATTRIBUTE,
    REPETITION,
    TOO_GENERIC,
    OTHER;

    /** Words for the user, e.g. "wrong colour or attribute". */
    public String label() {
        return switch (this) {
            case WRONG_OBJECT -> "wrong object";
            case HALLUCINATED_OBJECT -> "hallucinated object";
            case WRONG_COUNT -> "wrong count";
            case WRONG_ACTION -> "wrong action";
            case WRONG_ATTRIBUTE -> "wrong colour or attribute";
            case REPETITION -> "repetition";
            case TOO_GENERIC -> "too generic";
            case OTHER -> "other";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
