package org.captionlab.model;

/** Hidden state of a batch of hypotheses (rows); immutable. */
public interface DecoderState {

    /** Number of hypotheses (rows). */
    int size();

    /** A new state whose row {@code i} is row {@code rows[i]} of this one (rows may repeat). */
    DecoderState select(int[] rows);
}
