package org.captionlab.model;

/**
 * A model bundle does not fit the component it is used with, e.g. it was trained on the features of another
 * image encoder. The message is one sentence for the user.
 */
public final class ModelMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelMismatchException(String message) {
        super(message);
    }
}
