package org.captionlab.gui;

/** Whether a caption model is available. */
public enum ModelState {
    /** None asked for yet. */
    NONE,
    /** Opening a bundle in the background. */
    LOADING,
    /** A model is loaded and captions can be made. */
    READY,
    /** The last load failed and no model is loaded. */
    FAILED
}
