package org.captionlab.gui.library;

import java.util.Objects;

/**
 * Names one lane: one loaded caption model and the results it made for every photo. The main model's lane
 * drives the photo's status; any number of other lanes (a comparison model, later an ensemble or a guided
 * variant) caption the same photos beside it.
 *
 * @param name short, stable name (used in logs and as a map key)
 */
public record LaneId(String name) {

    /** The main model: its results are the photo's captions, status and scores. */
    public static final LaneId MAIN = new LaneId("main");
    /** The comparison model of File → Compare with model…. */
    public static final LaneId COMPARE = new LaneId("compare");
    /** The main model without label guidance, beside it in the Compare view (Compare → Guided and unguided). */
    public static final LaneId UNGUIDED = new LaneId("unguided");

    public LaneId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a lane needs a name");
        }
    }

    /** A lane by name. */
    public static LaneId of(String name) {
        return new LaneId(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
