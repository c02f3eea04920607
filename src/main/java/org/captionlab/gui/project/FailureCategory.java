package org.captionlab.gui.project;

/** How a caption fails, following the usual error taxonomy of captioning papers. */
public enum FailureCategory {
    WRONG_OBJECT("wrong object"),
    HALLUCINATED_OBJECT("hallucinated object"),
    WRONG_COUNT("wrong count"),
    WRONG_ACTION("wrong action"),
    WRONG_ATTRIBUTE("wrong colour or attribute"),
    REPETITION("repetition"),
    TOO_GENERIC("too generic"),
    OTHER("other");

    private final String label;

    FailureCategory(String label) {
        this.label = label;
    }

    /** Words for the user, e.g. "wrong colour or attribute". */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
