package org.captionlab.gui.project;

/** A reviewer's judgement of a caption. */
public enum Verdict {
    /** The caption describes the photo correctly. */
    OK,
    /** The caption is wrong; {@link FailureCategory} says how. */
    FAILURE
}
