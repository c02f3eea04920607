package org.captionlab.encoder;

import java.io.IOException;

/**
 * Encoder weights that cannot be found, fetched or verified. The message is one sentence for the
 * user that says what to do (where to put the file, which URL to fetch it from).
 */
public final class EncoderWeightsException extends IOException {
    private static final long serialVersionUID = 1L;

    public EncoderWeightsException(String message) {
        super(message);
    }

    public EncoderWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
