package org.captionlab.imaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One physical stage between the scene and the encoder: optics (defocus, motion, vignetting), sensor
 * (exposure, photon and read noise, colour filter array, pixel pitch) or processing (grayscale, JPEG).
 * Implementations are immutable records whose components are the stage's parameters; a stage with
 * randomness carries its own seed, so the same stage gives the same image every time.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Vignetting.class, name = "vignetting"),
    @JsonSubTypes.Type(value = DefocusBlur.class, name = "defocus"),
    @JsonSubTypes.Type(value = MotionBlur.class, name = "motion"),
    @JsonSubTypes.Type(value = Exposure.class, name = "exposure"),
    @JsonSubTypes.Type(value = SensorNoise.class, name = "noise"),
    @JsonSubTypes.Type(value = BayerMosaic.class, name = "bayer"),
    @JsonSubTypes.Type(value = Resolution.class, name = "resolution"),
    @JsonSubTypes.Type(value = Grayscale.class, name = "grayscale"),
    @JsonSubTypes.Type(value = JpegCompression.class, name = "jpeg"),
})
public interface Degradation {

    /** The degraded image; the input is not modified. */
    LinearImage apply(LinearImage in);

    /** A short human-readable description with the parameter values ("defocus disc r=2.0 px"). */
    String describe();
}
