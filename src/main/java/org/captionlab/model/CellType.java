package org.captionlab.model;

import java.util.Locale;

/** The recurrent cell of the decoder. */
public enum CellType {
    /** Vanilla RNN: {@code h_t = tanh(Wxh·x_t + Whh·h_{t-1} + Wvh·v + b)}. */
    RNN,
    /** LSTM with the same inputs (x_t and v at every step). */
    LSTM;

    /** Lower-case name as used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code rnn} / {@code lstm} (case-insensitive). */
    public static CellType parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
