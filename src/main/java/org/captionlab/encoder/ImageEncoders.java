package org.captionlab.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.captionlab.util.ProgressListener;

/** Opens an {@link ImageEncoder} by its id, finding (or downloading) its weights. */
public final class ImageEncoders {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageEncoders.class);

    /**
     * Loads MobileNetV2's native code (TFLite through JavaCPP, its XNNPACK functions through JNA), about a fifth of
     * a cold start, so that a background thread can do it while the command line is still being parsed. Safe to
     * call from any thread, any number of times; a failure is left for {@link #open} to report.
     */
    public static void preload() {
        try {
            XnnPackDelegate.preload(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("TFLite preload failed", e);
        }
    }

    /** The ids {@link #open} knows, default first. */
    public static final List<String> KNOWN_IDS = List.of(MobileNetV2Encoder.ID, Vgg16Encoder.ID);

    private ImageEncoders() {
    }

    /**
     * Opens an encoder.
     *
     * @param id {@code mobilenet-v2} or {@code vgg16}
     * @param explicitWeights weights given by the user (a {@code .tflite} for MobileNetV2, a saved
     *     ComputationGraph zip for VGG16), or null to use the usual places and downloads
     * @param env where to look for MobileNetV2 weights
     * @param progress download progress
     * @throws IllegalArgumentException if the id is unknown
     * @throws IOException if the weights cannot be found, fetched or read
     */
    public static ImageEncoder open(String id, Path explicitWeights, EncoderWeights.Environment env,
                                    ProgressListener progress) throws IOException {
        return open(id, explicitWeights, env, progress, WeightsCheck.PINNED, 0);
    }

    /**
     * Opens an encoder, checking MobileNetV2 weights against {@code check} before TFLite reads them.
     *
     * @see #open(String, Path, EncoderWeights.Environment, ProgressListener)
     */
    public static ImageEncoder open(String id, Path explicitWeights, EncoderWeights.Environment env,
                                    ProgressListener progress, WeightsCheck check) throws IOException {
        return open(id, explicitWeights, env, progress, check, 0);
    }

    /**
     * Opens an encoder that runs on {@code numThreads} threads (0 or less: all cores; MobileNetV2 only,
     * VGG16 ignores it): one per worker thread when several images are encoded in parallel.
     */
    public static ImageEncoder open(String id, Path explicitWeights, EncoderWeights.Environment env,
                                    ProgressListener progress, int numThreads) throws IOException {
        return open(id, explicitWeights, env, progress, WeightsCheck.PINNED, numThreads);
    }

    /** Opens an encoder with both a weights check and a thread count (see the other overloads). */
    public static ImageEncoder open(String id, Path explicitWeights, EncoderWeights.Environment env,
                                    ProgressListener progress, WeightsCheck check, int numThreads) throws IOException {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(progress, "progress");
        switch (requireKnown(id)) {
            case MobileNetV2Encoder.ID -> {
                EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(explicitWeights, env, progress);
                return MobileNetV2Encoder.open(loc.weights(), loc.labels(), numThreads, check);
            }
            case Vgg16Encoder.ID -> {
                Vgg16Encoder vgg = explicitWeights != null
                        ? Vgg16Encoder.fromFile(explicitWeights)
                        : Vgg16Encoder.pretrainedImageNet(progress);
                try {
                    // Its softmax speaks the same 1,000 ImageNet classes: with their names, labels can guide captions.
                    return vgg.withLabels(EncoderWeights.resolveImageNetLabels(env, progress));
                } catch (IOException e) {
                    LOG.warn("VGG16 will report no ImageNet labels (so none can guide captions): {}", e.getMessage());
                    return vgg;
                }
            }
            default -> throw new AssertionError(id);
        }
    }

    /** Feature length of an encoder, without opening it. */
    public static int featureDim(String id) {
        return switch (requireKnown(id)) {
            case MobileNetV2Encoder.ID -> MobileNetV2Encoder.FEATURE_DIM;
            case Vgg16Encoder.ID -> Vgg16Encoder.FEATURE_DIM;
            default -> throw new AssertionError(id);
        };
    }

    private static String requireKnown(String id) {
        if (id == null || !KNOWN_IDS.contains(id)) {
            throw new IllegalArgumentException("unknown encoder '" + id + "'; known encoders: " + String.join(", ", KNOWN_IDS));
        }
        return id;
    }
}
