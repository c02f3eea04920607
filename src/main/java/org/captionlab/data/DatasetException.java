package org.captionlab.data;

import java.io.IOException;

/** An annotation file that cannot be read; the message names the file (and line where known). */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
