package org.captionlab.util;

/** Receives progress of long work (encoding a dataset, training, a download). */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * @param done    units done so far
     * @param total   units in all, or -1 if unknown
     * @param message short description of the current unit (may be empty)
     */
    void progress(long done, long total, String message);
}
