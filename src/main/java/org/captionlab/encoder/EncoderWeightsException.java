package org.captionlab.encoder;

import java.io.IOException;

/**
 * Encoder weights that cannot be found, fetched or verified. The message is one sentence for the
 * user that says what to do (where to put the file); {@link #missing()} tells apart "the file is not
 * there and could not be downloaded" (the app then offers to locate it) from a file that is there but
 * unusable.
 */
public final class EncoderWeightsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean missing;

    public EncoderWeightsException(String message) {
        this(message, null, false);
    }

    public EncoderWeightsException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param missing true when the weights were found nowhere and could not be downloaded
     */
    public EncoderWeightsException(String message, Throwable cause, boolean missing) {
        super(message, cause);
        this.missing = missing;
    }

    /** True when the weights were found nowhere and could not be downloaded. */
    public boolean missing() {
        return missing;
    }
}
