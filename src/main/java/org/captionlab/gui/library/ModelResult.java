package org.captionlab.gui.library;

import java.util.List;
import org.captionlab.search.Caption;
import org.captionlab.service.Guidance;

/**
 * What one lane's model made of one photo: its captions (best first) with the decoding generation that
 * made them, or why it failed, and the best caption's scores once references are loaded.
 *
 * @param captions   best first; empty before decoding or after a failure
 * @param generation the lane's decoding generation the captions come from; -1 when none
 * @param error      one sentence on why the model could not caption the photo, or null
 * @param scores     scores of the best caption, or null when not scored
 * @param guidance   how the encoder's labels guided the captions ({@link Guidance#OFF} when they did not)
 */
public record ModelResult(List<Caption> captions, long generation, String error, CaptionScores scores,
                          Guidance guidance) {

    /** No result yet. */
    public static final ModelResult NONE = new ModelResult(List.of(), -1, null, null, Guidance.OFF);

    public ModelResult {
        captions = List.copyOf(captions);
        guidance = guidance == null ? Guidance.OFF : guidance;
    }

    /** A result no label guided. */
    public ModelResult(List<Caption> captions, long generation, String error, CaptionScores scores) {
        this(captions, generation, error, scores, Guidance.OFF);
    }

    /** Captions decoded with the settings of {@code generation}; the scores stay until the next pass. */
    public ModelResult withCaptions(List<Caption> value, long generation) {
        return withCaptions(value, generation, Guidance.OFF);
    }

    /** Captions decoded with the settings of {@code generation}, guided as {@code how} says. */
    public ModelResult withCaptions(List<Caption> value, long generation, Guidance how) {
        return new ModelResult(value, generation, null, scores, how);
    }

    /** The model could not caption the photo. */
    public static ModelResult failed(String reason) {
        return new ModelResult(List.of(), -1, reason, null, Guidance.OFF);
    }

    public ModelResult withScores(CaptionScores value) {
        return new ModelResult(captions, generation, error, value, guidance);
    }

    /** The best caption's text, or null. */
    public String best() {
        return captions.isEmpty() ? null : captions.get(0).text();
    }

    public boolean failed() {
        return error != null;
    }
}
