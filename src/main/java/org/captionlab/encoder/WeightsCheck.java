package org.captionlab.encoder;

/**
 * How encoder weights are checked before a native library parses them. The bytes are read once,
 * their SHA-256 is compared with {@code expectedSha256}, and only bytes that match are handed to
 * TFLite: a damaged file is refused with a message instead of crashing the JVM in native code.
 *
 * @param expectedSha256  the SHA-256 the weights must have (the one the model was trained with), or null
 *                        for the pinned public MobileNetV2 file ({@link EncoderWeights#MODEL_SHA256})
 * @param allowUnverified when true, weights with another SHA-256 are used anyway (the user asked for it
 *                        with {@code --unverified-weights}), after TFLite's FlatBuffer verifier accepted them
 * @param model           the name of the model whose manifest gave {@code expectedSha256}, or null
 */
public record WeightsCheck(String expectedSha256, boolean allowUnverified, String model) {

    /** Weights must be the pinned public MobileNetV2 file. */
    public static final WeightsCheck PINNED = new WeightsCheck(null, false, null);

    /** Weights must be those model {@code model}'s manifest names (or the pinned file when it names none). */
    public static WeightsCheck forModel(String model, String expectedSha256, boolean allowUnverified) {
        return new WeightsCheck(expectedSha256, allowUnverified, model);
    }

    /** The SHA-256 the weights are checked against. */
    public String expected() {
        return expectedSha256 != null ? expectedSha256 : EncoderWeights.MODEL_SHA256;
    }

    /** The same check with {@code --unverified-weights} on or off. */
    public WeightsCheck withAllowUnverified(boolean allow) {
        return new WeightsCheck(expectedSha256, allow, model);
    }
}
