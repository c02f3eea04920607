package org.captionlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The recurrent cell of the decoder. */
public enum CellType {
    /** Vanilla RNN: {@code h_t = tanh(Wxh·x_t + Whh·h_{t-1} + Wvh·v + b)}. */
    RNN,
    /** LSTM with the same inputs (x_t and v at every step). */
    LSTM;

    /** Lower-case name as used on the command line and in manifests (its JSON form). */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code rnn} / {@code lstm} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the known ones
     */
    @JsonCreator
    public static CellType parse(String s) {
        for (CellType c : values()) {
            if (s != null && c.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cell type '" + s + "'; expected \"rnn\" or \"lstm\"");
    }
}
