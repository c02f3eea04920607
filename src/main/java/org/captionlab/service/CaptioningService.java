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
import org.captionlab.encoder.EncoderWeightsException;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.encoder.WeightsCheck;
import org.captionlab.image.ImageLoader;
import org.captionlab.model.ExpandedVocabularyModel;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.search.DecodeOptions;
import org.captionlab.text.LabelWords;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captioning pipeline as the app and the CLI use it: a model bundle, the encoder it was trained
 * with, and a cache of encoded images keyed by file content so that re-decoding with other options
 * never encodes again.
 *
 * <p>Thread-safe: encoding runs concurrently where the encoder allows it ({@link ImageEncoder#threadSafe()}),
 * else it is serialised; decoding runs concurrently (the decoder's weights are immutable).
 */
public final class CaptioningService implements Captioner, ImageCaptioner {

    private static final Logger LOG = LoggerFactory.getLogger(CaptioningService.class);
    /** Encoded images kept in memory (a MobileNetV2 entry is ≈ 5 KB). */
    private static final int MEMORY_CACHE_ENTRIES = 20_000;

    private final ModelBundle bundle;
    private final ImageEncoder encoder;
    private volatile ImageLoader loader = new ImageLoader();
    private volatile int cacheCapacity = MEMORY_CACHE_ENTRIES;
    private final ModelInfo info;
    /** Built on first guided decoding (it reads the label table and expands the vocabulary). */
    private volatile LabelGuide labelGuide;
    private final Map<String, Encoding> encoded = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Encoding> eldest) {
            return size() > cacheCapacity;
        }
    };

    /**
     * An encoded photo with what its decoder warned about.
     *
     * @param encoded  the feature and ImageNet labels
     * @param warnings decoder warnings (a damaged file accepted anyway, extraneous bytes...), empty for a clean file
     */
    public record Encoding(EncodedImage encoded, List<String> warnings) {
        public Encoding {
            warnings = List.copyOf(warnings);
        }
    }

    /** Wraps an opened bundle and encoder (checked to match); takes ownership of both. */
    public CaptioningService(ModelBundle bundle, ImageEncoder encoder) {
        this(bundle, encoder, false);
    }

    /**
     * Wraps an opened bundle and encoder; takes ownership of both.
     *
     * @param allowOtherWeights accept encoder weights whose SHA-256 differs from the manifest's (same encoder
     *                          id and feature size), as {@code --unverified-weights} asks
     */
    public CaptioningService(ModelBundle bundle, ImageEncoder encoder, boolean allowOtherWeights) {
        this.bundle = bundle;
        this.encoder = encoder;
        bundle.checkEncoder(encoder.id(), encoder.featureDim(), allowOtherWeights ? null : encoder.weightsSha256());
        Manifest m = bundle.manifest();
        this.info = new ModelInfo(m.name(), bundle.directory(), encoder.id(), m.decoder().cell().id(),
                bundle.vocabulary().size(), summary(m), defaultOptions(), defaultGuide());
    }

    /**
     * Loads the bundle in {@code modelDir} and opens the encoder its manifest names.
     *
     * @param encoderWeights explicit encoder weights file, or null to resolve them (environment,
     *                       user cache, ../shared, download with {@code download} progress)
     */
    public static CaptioningService open(Settings settings, Path modelDir, Path encoderWeights, ProgressListener download)
            throws IOException {
        return open(settings, modelDir, encoderWeights, download, false);
    }

    /**
     * Loads the bundle in {@code modelDir} and opens the encoder its manifest names, checking the encoder
     * weights' SHA-256 against the manifest's before the encoder reads them.
     *
     * @param allowUnverifiedWeights use encoder weights whose SHA-256 differs from the manifest's (after
     *                               TFLite's FlatBuffer verifier accepted them) instead of refusing them
     */
    public static CaptioningService open(Settings settings, Path modelDir, Path encoderWeights, ProgressListener download,
                                         boolean allowUnverifiedWeights) throws IOException {
        if (Files.exists(modelDir) && !Files.isDirectory(modelDir)) {
            throw new IOException("'" + modelDir + "' is a file, not a model folder: --model takes the folder that holds "
                    + "manifest.json, vocab.txt and decoder.zip");
        }
        if (!Files.isDirectory(modelDir)) {
            throw new IOException("model folder '" + modelDir + "' does not exist"
                    + (modelDir.endsWith(Path.of("models", "default")) ? " (run from the project folder, or pass --model DIR)" : ""));
        }
        return open(settings, ModelBundle.load(modelDir), encoderWeights, download, allowUnverifiedWeights);
    }

    /**
     * Loads several bundles as one ensemble ({@link ModelBundle#load(List)}: averaged log-probabilities; one folder
     * is that bundle) and opens the encoder they share.
     */
    public static CaptioningService open(Settings settings, List<Path> modelDirs, Path encoderWeights,
                                         ProgressListener download, boolean allowUnverifiedWeights) throws IOException {
        if (modelDirs.size() == 1) {
            return open(settings, modelDirs.get(0), encoderWeights, download, allowUnverifiedWeights);
        }
        for (Path dir : modelDirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("model folder '" + dir + "' does not exist");
            }
        }
        return open(settings, ModelBundle.load(modelDirs), encoderWeights, download, allowUnverifiedWeights);
    }

    private static CaptioningService open(Settings settings, ModelBundle bundle, Path encoderWeights,
                                          ProgressListener download, boolean allowUnverifiedWeights) throws IOException {
        try {
            String encoderId = bundle.manifest().encoder().id();
            WeightsCheck check = WeightsCheck.forModel(bundle.manifest().name(),
                    bundle.manifest().encoder().weightsSha256(), allowUnverifiedWeights);
            ImageEncoder encoder = openEncoder(bundle, encoderId, encoderWeights, settings, download, check);
            try {
                return new CaptioningService(bundle, encoder, allowUnverifiedWeights);
            } catch (RuntimeException e) {
                encoder.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /** Opens the encoder; when it cannot be, says so with what the model recommends (the app keeps that). */
    private static ImageEncoder openEncoder(ModelBundle bundle, String encoderId, Path encoderWeights, Settings settings,
                                            ProgressListener download, WeightsCheck check) throws IOException {
        try {
            return ImageEncoders.open(encoderId, encoderWeights, EncoderWeights.Environment.system(settings.home()), download, check);
        } catch (EncoderWeightsException e) {
            Manifest.Decoding d = bundle.manifest().decoding();
            throw new EncoderUnavailableException(e.getMessage(), e, bundle.manifest().name(), bundle.directory(),
                    DecodeOptions.of(d), d == null ? null : d.guide(), e.missing());
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

    /**
     * How many encoded images are kept in memory, by content (default {@value #MEMORY_CACHE_ENTRIES}); 0 turns
     * the cache off, which also saves hashing every file (a batch that sees each photo once needs no cache).
     */
    public void setMemoryCacheCapacity(int entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("entries must be >= 0, got " + entries);
        }
        synchronized (encoded) {
            cacheCapacity = entries;
            if (entries == 0) {
                encoded.clear();
            }
        }
    }

    /** Whether images whose decoder warnings say the data is broken are captioned anyway (off by default). */
    public void setAcceptDamagedImages(boolean accept) {
        loader = loader.acceptingDamaged(accept);
    }

    @Override
    public EncodedImage encode(Path image) throws IOException {
        Encoding e = encodeWithWarnings(image);
        for (String warning : e.warnings()) {
            LOG.warn("image '{}': {}", image, warning);
        }
        return e.encoded();
    }

    /**
     * Encodes one image and says what its decoder warned about. The file's type is checked before anything
     * reads it: a FIFO, socket or device is refused at once.
     *
     * @throws org.captionlab.image.ImageLoadException naming the file when it cannot be used (one sentence)
     */
    public Encoding encodeWithWarnings(Path image) throws IOException {
        ImageLoader.checkFile(image);
        String sha = null;
        if (cacheCapacity > 0) {
            sha = Hashing.sha256(image);
            synchronized (encoded) {
                Encoding hit = encoded.get(sha);
                if (hit != null) {
                    return hit;
                }
            }
        }
        ImageLoader.Loaded loaded = loader.read(image);
        BufferedImage pixels = loaded.image();
        EncodedImage result = encodePixels(pixels);
        Encoding encoding = new Encoding(result, loaded.warnings());
        if (sha != null) {
            synchronized (encoded) {
                encoded.put(sha, encoding);
            }
        }
        LOG.debug("encoded {}", image);
        return encoding;
    }

    /** One photo per core when the encoder runs calls in parallel (MobileNetV2), else 1. */
    @Override
    public int parallelism() {
        return encoder.threadSafe() ? Runtime.getRuntime().availableProcessors() : 1;
    }

    /** Encodes pixels, in parallel when the encoder allows it (MobileNetV2: one interpreter per core). */
    private EncodedImage encodePixels(BufferedImage pixels) {
        if (encoder.threadSafe()) {
            return encoder.encode(pixels);
        }
        synchronized (encoder) {
            return encoder.encode(pixels);
        }
    }

    @Override
    public List<Caption> decode(float[] feature, DecodeOptions options) {
        return CaptionSearch.decode(bundle.model(), feature, options);
    }

    /**
     * The label guidance the model's manifest recommends (chosen on the dev split), or null when it
     * recommends none or the encoder reports no labels.
     */
    public Manifest.Guide defaultGuide() {
        Manifest.Decoding d = bundle.manifest().decoding();
        return d == null || !guidable() ? null : d.guide();
    }

    /** True when the encoder reports labels that can guide captions. */
    public boolean guidable() {
        return !encoder.labelNames().isEmpty();
    }

    /**
     * Decodes captions of an encoded image, guided by its labels when {@code guide} is not null (see
     * {@link LabelGuide}): captions then contain the words of the confident labels. With a null
     * {@code guide} the captions are {@link #decode(float[], DecodeOptions)}'s.
     */
    @Override
    public GuidedCaptions decode(EncodedImage image, DecodeOptions options, Manifest.Guide guide) {
        if (guide == null) {
            return new GuidedCaptions(decode(image.feature(), options), Guidance.OFF);
        }
        return labelGuide().decode(image.feature(), image.labels(), options, guide);
    }

    /** The words added to the decoder for guidance, with where each comes from (empty without labels). */
    public List<ExpandedVocabularyModel.AddedWord> addedWords() {
        return guidable() ? labelGuide().model().addedWords() : List.of();
    }

    private LabelGuide labelGuide() {
        LabelGuide g = labelGuide;
        if (g == null) {
            synchronized (this) {
                if (labelGuide == null) {
                    labelGuide = LabelGuide.of(bundle.model(), LabelWords.standard(), recordedWords());
                    LOG.info("label guidance: {} words added to the decoder's vocabulary",
                            labelGuide.model().addedWords().size());
                }
                g = labelGuide;
            }
        }
        return g;
    }

    /** The bundle's record of added words, or null (none, or unreadable: then they are derived again). */
    private List<ExpandedVocabularyModel.AddedWord> recordedWords() {
        try {
            return VocabularyExpansionFile.read(bundle.directory());
        } catch (IOException e) {
            LOG.warn("{}: the added words are derived from the label table instead", e.getMessage());
            return null;
        }
    }

    /**
     * Records in the bundle ({@value VocabularyExpansionFile#FILE_NAME}) the words label guidance adds to
     * its decoder and where each comes from; done when a guided decoding becomes the model's default.
     */
    public void recordAddedWords() throws IOException {
        VocabularyExpansionFile.write(bundle.directory(), addedWords());
    }

    /**
     * Encodes pixels (not cached: a simulated camera makes new ones every time) and decodes them with the
     * model's recommended label guidance.
     */
    @Override
    public Captioned caption(BufferedImage image, DecodeOptions options) {
        EncodedImage e = encodePixels(image);
        return new Captioned(decode(e, options, defaultGuide()).captions(), e.labels());
    }

    /** Encodes and decodes one image. */
    public ImageResult caption(Path image, DecodeOptions options) throws IOException {
        Encoding e = encodeWithWarnings(image);
        return new ImageResult(image, e.encoded(), decode(e.encoded().feature(), options), Guidance.OFF, e.warnings());
    }

    /** Encodes and decodes one image, guided by its labels when {@code guide} is not null. */
    public ImageResult caption(Path image, DecodeOptions options, Manifest.Guide guide) throws IOException {
        Encoding e = encodeWithWarnings(image);
        GuidedCaptions g = decode(e.encoded(), options, guide);
        return new ImageResult(image, e.encoded(), g.captions(), g.guidance(), e.warnings());
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
