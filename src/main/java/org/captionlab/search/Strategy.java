package org.captionlab.search;

import java.util.Locale;

/** How words are chosen at each step. */
public enum Strategy {
    /** Most likely word at each step. */
    GREEDY,
    /** Beam search keeping {@code beamWidth} hypotheses. */
    BEAM,
    /** Sampling from the softmax at a temperature. */
    SAMPLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Strategy parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
