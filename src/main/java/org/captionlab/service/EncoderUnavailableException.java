package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;

/**
 * The caption model loaded but its encoder could not be opened (weights missing and not downloadable,
 * or unusable). Carries what the model recommends, so that the app keeps the model's decoding defaults
 * while it asks the user to locate the weights.
 *
 * @see CaptioningService#open
 */
public final class EncoderUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String modelName;
    private final transient Path modelDirectory;
    private final transient DecodeOptions recommended;
    private final transient Manifest.Guide guide;
    private final boolean missing;

    /**
     * @param missing true when the weights were found nowhere and could not be downloaded (rather than
     *                found but unusable)
     */
    public EncoderUnavailableException(String message, Throwable cause, String modelName, Path modelDirectory,
                                       DecodeOptions recommended, Manifest.Guide guide, boolean missing) {
        super(message, cause);
        this.modelName = modelName;
        this.modelDirectory = modelDirectory;
        this.recommended = recommended;
        this.guide = guide;
        this.missing = missing;
    }

    /** The model's name (its folder name). */
    public String modelName() {
        return modelName;
    }

    /** The model's folder. */
    public Path modelDirectory() {
        return modelDirectory;
    }

    /** The decoding the model's manifest recommends. */
    public DecodeOptions recommended() {
        return recommended;
    }

    /** The label guidance the manifest recommends, or null. */
    public Manifest.Guide guide() {
        return guide;
    }

    /** True when the weights were found nowhere and could not be downloaded. */
    public boolean missing() {
        return missing;
    }
}
