package org.captionlab.cli;

import org.captionlab.model.Manifest;
import org.captionlab.service.CaptioningService;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Label guidance options shared by {@code caption} and {@code evaluate}: the encoder's confident
 * labels put their words into the caption (constrained beam search). Unset options take the model's
 * recommendation from its manifest.
 */
final class GuideOptions {

    enum Mode { labels, off }

    @Option(names = "--guide", paramLabel = "MODE",
            description = "Label guidance: labels (captions name what the encoder's confident labels say) or off."
                    + " Default: the model's recommendation.")
    Mode mode;

    @Option(names = "--guide-threshold", paramLabel = "P",
            description = "Probability (0..1] a label, summed over the top labels naming the same thing, needs to guide."
                    + " Implies --guide labels. Default: the model's.")
    Double threshold;

    @Option(names = "--guide-constraints", paramLabel = "N",
            description = "How many labels may guide one caption. Default: the model's.")
    Integer constraints;

    /**
     * The guidance to decode with, or null for none.
     *
     * @throws ParameterException (through {@code commandLine}) for values out of range or guidance
     *                            asked of an encoder without labels
     */
    Manifest.Guide resolve(CaptioningService service, picocli.CommandLine commandLine) {
        Manifest.Guide recommended = service.defaultGuide();
        boolean asked = mode == Mode.labels || threshold != null || constraints != null;
        if (mode == Mode.off) {
            if (threshold != null || constraints != null) {
                throw new ParameterException(commandLine, "--guide off cannot be combined with --guide-threshold or --guide-constraints");
            }
            return null;
        }
        if (!asked) {
            return recommended;
        }
        if (!service.guidable()) {
            throw new ParameterException(commandLine, "encoder " + service.encoder().id()
                    + " reports no labels, so they cannot guide captions; leave out --guide");
        }
        Manifest.Guide base = recommended != null ? recommended : Manifest.Guide.STANDARD;
        try {
            return new Manifest.Guide(threshold != null ? threshold : base.threshold(),
                    constraints != null ? constraints : base.maxConstraints());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
