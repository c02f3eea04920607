package org.captionlab.service;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.captionlab.encoder.ImageLabel;

/**
 * How the encoder's labels guided one image's captions.
 *
 * @param labels   the labels that guided (confident enough, with words a caption can use), most probable first;
 *                 empty when nothing guided
 * @param words    the words the captions were made to contain, one entry per guiding constraint ("cat", "hot dog")
 * @param fellBack true when no caption within the maximum length could contain them and the captions are the
 *                 unguided ones
 * @param reason   why nothing guided, when {@code labels} is empty ("guidance off", "no confident label", …)
 */
public record Guidance(List<ImageLabel> labels, List<String> words, boolean fellBack, String reason) {

    /** Guidance was not asked for. */
    public static final Guidance OFF = new Guidance(List.of(), List.of(), false, "guidance off");

    public Guidance {
        labels = List.copyOf(labels);
        words = List.copyOf(words);
        reason = reason == null ? "" : reason;
    }

    /** Nothing guided, for the given reason. */
    public static Guidance none(String reason) {
        return new Guidance(List.of(), List.of(), false, reason);
    }

    /** True when labels guided the captions (they contain {@link #words()}). */
    public boolean guided() {
        return !labels.isEmpty() && !fellBack;
    }

    /**
     * One line for a report or a CSV cell: {@code Egyptian cat 0.79, tabby 0.12 → cat}, with
     * {@code (no caption could contain it)} after a fallback, or the reason when nothing guided.
     */
    public String describe() {
        if (labels.isEmpty()) {
            return reason;
        }
        String names = labels.stream().map(l -> String.format(Locale.ROOT, "%s %.2f", l.label(), l.probability()))
                .collect(Collectors.joining(", "));
        return names + " → " + String.join(", ", words) + (fellBack ? " (no caption could contain it)" : "");
    }
}
