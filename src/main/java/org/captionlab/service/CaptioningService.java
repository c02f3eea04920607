package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.EncoderWeights;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.image.ImageLoader;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.search.DecodeOptions;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captioning pipeline as the app and the CLI use it: a model bundle, the encoder it was trained
 * with, and a cache of encoded images keyed by file content so that re-decoding with other options
 * never encodes again.
 *
 * <p>Thread-safe: encoding is serialised (encoders are not thread-safe); decoding runs concurrently
 * (the decoder's weights are immutable).
 */
public final class CaptioningService implements Captioner {

    private static final Logger LOG = LoggerFactory.getLogger(CaptioningService.class);
    /** Encoded images kept in memory (a MobileNetV2 entry is ≈ 5 KB). */
    private static final int MEMORY_CACHE_ENTRIES = 20_000;

    private final ModelBundle bundle;
    private final ImageEncoder encoder;
    private final ImageLoader loader = new ImageLoader();
    private final ModelInfo info;
    private final Map<String, EncodedImage> encoded = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EncodedImage> eldest) {
            return size() > MEMORY_CACHE_ENTRIES;
        }
    };

    /** Wraps an opened bundle and encoder (checked to match); takes ownership of both. */
    public CaptioningService(ModelBundle bundle, ImageEncoder encoder) {
        this.bundle = bundle;
        this.encoder = encoder;
        bundle.checkEncoder(encoder.id(), encoder.featureDim(), encoder.weightsSha256());
        Manifest m = bundle.manifest();
        this.info = new ModelInfo(m.name(), bundle.directory(), encoder.id(), m.decoder().cell().id(),
                bundle.vocabulary().size(), summary(m), defaultOptions());
    }

    /**
     * Loads the bundle in {@code modelDir} and opens the encoder its manifest names.
     *
     * @param encoderWeights explicit encoder weights file, or null to resolve them (environment,
     *                       user cache, ../shared, download with {@code download} progress)
     */
    public static CaptioningService open(Settings settings, Path modelDir, Path encoderWeights, ProgressListener download)
            throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new IOException("model folder '" + modelDir + "' does not exist"
                    + (modelDir.endsWith(Path.of("models", "default")) ? " (run from the project folder, or pass --model DIR)" : ""));
        }
        ModelBundle bundle = ModelBundle.load(modelDir);
        try {
            String encoderId = bundle.manifest().encoder().id();
            ImageEncoder encoder = ImageEncoders.open(encoderId, encoderWeights,
                    EncoderWeights.Environment.system(settings.home()), download);
            try {
                return new CaptioningService(bundle, encoder);
            } catch (RuntimeException e) {
                encoder.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static String summary(Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.decoder().cell()).append(' ').append(m.decoder().hiddenSize()).append("-d");
        if (m.training() != null && m.training().dataset() != null) {
            sb.append(", trained on ").append(m.training().dataset());
        }
        m.metrics().entrySet().stream().findFirst().ifPresent(e -> {
            Double bleu = e.getValue().get("BLEU-4");
            Double cider = e.getValue().get("CIDEr-D");
            if (bleu != null && cider != null) {
                sb.append(String.format(", %s BLEU-4 %.3f CIDEr-D %.3f", e.getKey(), bleu, cider));
            }
        });
        return sb.toString();
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    /** The bundle (manifest, vocabulary, decoder). */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The encoder in use. */
    public ImageEncoder encoder() {
        return encoder;
    }

    /** The decoding options the model's manifest recommends. */
    public DecodeOptions defaultOptions() {
        return DecodeOptions.of(bundle.manifest().decoding());
    }

    @Override
    public EncodedImage encode(Path image) throws IOException {
        String sha = Hashing.sha256(image);
        synchronized (encoded) {
            EncodedImage hit = encoded.get(sha);
            if (hit != null) {
                return hit;
            }
        }
        BufferedImage pixels = loader.load(image);
        EncodedImage result;
        synchronized (encoder) {
            result = encoder.encode(pixels);
        }
        synchronized (encoded) {
            encoded.put(sha, result);
        }
        LOG.debug("encoded {}", image);
        return result;
    }

    @Override
    public List<Caption> decode(float[] feature, DecodeOptions options) {
        return CaptionSearch.decode(bundle.model(), feature, options);
    }

    /** Encodes and decodes one image. */
    public ImageResult caption(Path image, DecodeOptions options) throws IOException {
        EncodedImage e = encode(image);
        return new ImageResult(image, e, decode(e.feature(), options));
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            bundle.close();
        }
    }
}
