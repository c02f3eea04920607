package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Evaluator;
import org.captionlab.eval.MentionF1;
import org.captionlab.eval.Metric;
import org.captionlab.image.ImageLoader;
import org.captionlab.image.ImageResizer;
import org.captionlab.imaging.ImagingSystem;
import org.captionlab.imaging.LinearImage;
import org.captionlab.model.Manifest;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captions a fixed set of photos through a given {@link ImagingSystem} and scores the captions: the
 * unit of work of sweeps and of the optimiser. Photos are loaded once and kept in linear light; each
 * setting degrades, encodes and decodes every photo. Encoding is the costly part and encoders are not
 * thread-safe, so each worker thread has its own encoder (opened by the factory, one interpreter thread
 * each); with one worker the service's own encoder is used.
 *
 * <p>The simulated sensor is the encoder's input grid: a photo of another size is first squashed to
 * {@value #SENSOR_SIDE}×{@value #SENSOR_SIDE} (as the encoder would squash it anyway), so the knobs are in
 * encoder pixels — a blur of 2 px means the same for every photo — and a degradation costs the same
 * whatever the photo's size.
 */
public final class PhysicalEvaluator implements AutoCloseable {

    /** Opens an encoder for one worker thread. */
    @FunctionalInterface
    public interface EncoderFactory {
        ImageEncoder open() throws IOException;
    }

    /**
     * A photo and its reference captions (empty when there are none).
     *
     * @param imageId    the id (file name for Flickr8k)
     * @param path       the file
     * @param references reference captions
     */
    public record Photo(String imageId, java.nio.file.Path path, List<String> references) {
        public Photo {
            references = List.copyOf(references);
        }
    }

    /**
     * The best caption of one photo under one setting.
     *
     * @param imageId        the photo
     * @param caption        the best caption
     * @param logProb        its log-probability under the decoder
     * @param topLabel       the encoder's top ImageNet label
     * @param topProbability that label's probability
     * @param ciderD         the caption's CIDEr-D against the photo's references, or NaN without them
     */
    public record PhotoCaption(String imageId, String caption, double logProb, String topLabel, double topProbability,
                               double ciderD) {
    }

    /**
     * Scores of one setting over the photos.
     *
     * @param system             the imaging chain
     * @param images             photos captioned
     * @param bleu4              corpus BLEU-4 (NaN without references)
     * @param ciderD             corpus CIDEr-D (NaN without references)
     * @param mentionF1          mean object mention F1 (NaN without references)
     * @param meanTopProbability mean probability of the encoder's top label
     * @param meanLogProb        mean log-probability of the best caption
     * @param seconds            wall-clock time of the setting
     * @param photos             per photo, in the photo set's order
     */
    public record Scores(ImagingSystem system, int images, double bleu4, double ciderD, double mentionF1,
                         double meanTopProbability, double meanLogProb, double seconds, List<PhotoCaption> photos) {
        public Scores {
            photos = List.copyOf(photos);
        }
    }

    /** Side of the simulated sensor: the encoders' 224×224 input. */
    public static final int SENSOR_SIDE = 224;

    private static final Logger LOG = LoggerFactory.getLogger(PhysicalEvaluator.class);

    private final CaptioningService service;
    private final DecodeOptions options;
    private final Manifest.Guide guide;
    private final List<Photo> photos = new ArrayList<>();
    private final List<LinearImage> pixels = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final BlockingQueue<ImageEncoder> encoders;
    private final List<ImageEncoder> owned = new ArrayList<>();
    private final ExecutorService pool;
    private final boolean references;

    /**
     * Loads the photos (those that cannot be read are listed in {@link #problems()}) and opens the workers.
     *
     * @param workers worker threads; 1 uses the service's encoder, more open one encoder each with {@code factory}
     * @throws IOException when no photo can be read or an encoder cannot be opened
     */
    public PhysicalEvaluator(CaptioningService service, EncoderFactory factory, List<Photo> photos, DecodeOptions options,
                             Manifest.Guide guide, int workers) throws IOException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.service = service;
        this.options = options;
        this.guide = guide;
        ImageLoader loader = new ImageLoader();
        for (Photo p : photos) {
            try {
                pixels.add(LinearImage.fromSrgb(toSensor(loader.load(p.path()))));
                this.photos.add(p);
            } catch (IOException | RuntimeException e) {
                problems.add("image '" + p.path() + "': " + e.getMessage());
            }
        }
        if (this.photos.isEmpty()) {
            throw new IOException("none of the " + photos.size() + " photos could be read"
                    + (problems.isEmpty() ? "" : " (first: " + problems.get(0) + ")"));
        }
        this.references = this.photos.stream().anyMatch(p -> !p.references().isEmpty());
        encoders = new ArrayBlockingQueue<>(workers);
        try {
            if (workers == 1) {
                encoders.add(service.encoder());
            } else {
                for (int i = 0; i < workers; i++) {
                    ImageEncoder e = factory.open();
                    owned.add(e);
                    encoders.add(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            owned.forEach(ImageEncoder::close);
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "physical-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The factory of one-thread MobileNetV2/VGG16 encoders of the service's kind for worker threads,
     * with the weights found the usual way ({@code explicitWeights}, environment, user cache, ../shared).
     */
    public static EncoderFactory workerEncoders(CaptioningService service, Settings settings, java.nio.file.Path explicitWeights) {
        String id = service.encoder().id();
        return () -> org.captionlab.encoder.ImageEncoders.open(id, explicitWeights,
                org.captionlab.encoder.EncoderWeights.Environment.system(settings.home()),
                org.captionlab.util.ProgressListener.NONE, 1);
    }

    /** A photo file as the sensor sees it (loaded upright as 8-bit RGB, squashed to the sensor). */
    public static BufferedImage loadForSensor(java.nio.file.Path file) throws IOException {
        return toSensor(new ImageLoader().load(file));
    }

    /** Content words of a caption: its word tokens without common function words, each once. */
    public static List<String> contentWords(String caption) {
        List<String> out = new ArrayList<>();
        for (String w : org.captionlab.text.Tokenizer.words(caption)) {
            if (!FUNCTION_WORDS.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Fraction of {@code words} that {@code caption} still contains (1 when there are none). */
    public static double wordsKept(List<String> words, String caption) {
        if (words.isEmpty()) {
            return 1;
        }
        List<String> now = org.captionlab.text.Tokenizer.words(caption);
        return (double) words.stream().filter(now::contains).count() / words.size();
    }

    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("a", "an", "the", "is", "are", "on", "in",
            "of", "and", "with", "at", "to", "its", "his", "her", "their", "two", "three", "some", "while", "into", "through",
            "near", "by", "for", "from", "up", "down", "over", "under", "one", "other", "another", "front", "each", "it");

    /** The photo as the sensor sees it: squashed to {@value #SENSOR_SIDE}² unless it is that size already. */
    public static BufferedImage toSensor(BufferedImage photo) {
        return photo.getWidth() == SENSOR_SIDE && photo.getHeight() == SENSOR_SIDE
                ? photo : ImageResizer.squash(photo, SENSOR_SIDE, SENSOR_SIDE);
    }

    /** The photos that could be read, in order. */
    public List<Photo> photos() {
        return List.copyOf(photos);
    }

    /** Photos that could not be read, one sentence each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** True when at least one photo has references (then BLEU-4, CIDEr-D and mention F1 are computed). */
    public boolean hasReferences() {
        return references;
    }

    /**
     * Captions every photo through {@code system} and scores the captions.
     *
     * @param progress called after each photo with (photos done, photos in all)
     * @throws IOException when cancelled or a photo fails in the model
     */
    public Scores evaluate(ImagingSystem system, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        long start = System.nanoTime();
        int n = photos.size();
        PhotoCaption[] out = new PhotoCaption[n];
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                out[index] = captionOne(index, system);
                progress.progress(done.incrementAndGet(), n, photos.get(index).imageId());
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while captioning through " + system.describe());
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            throw new IOException("captioning through " + system.describe() + " failed: " + c.getMessage(), c);
        }
        if (cancelled.getAsBoolean()) {
            throw new IOException("cancelled while captioning through " + system.describe());
        }
        return score(system, List.of(out), (System.nanoTime() - start) / 1e9);
    }

    private PhotoCaption captionOne(int index, ImagingSystem system) throws InterruptedException {
        BufferedImage degraded = system.apply(pixels.get(index)).toSrgb();
        ImageEncoder encoder = encoders.take();
        EncodedImage encoded;
        try {
            synchronized (encoder) {
                encoded = encoder.encode(degraded);
            }
        } finally {
            encoders.add(encoder);
        }
        List<Caption> captions = service.decode(encoded, options, guide).captions();
        Caption best = captions.isEmpty() ? null : captions.get(0);
        ImageLabel top = encoded.labels().isEmpty() ? null : encoded.labels().get(0);
        return new PhotoCaption(photos.get(index).imageId(), best == null ? "" : best.text(),
                best == null ? Double.NaN : best.logProb(), top == null ? "" : top.label(),
                top == null ? Double.NaN : top.probability(), Double.NaN);
    }

    private Scores score(ImagingSystem system, List<PhotoCaption> captions, double seconds) {
        double bleu = Double.NaN;
        double cider = Double.NaN;
        double mention = Double.NaN;
        List<PhotoCaption> scored = captions;
        if (references) {
            Map<String, String> predictions = new LinkedHashMap<>();
            Map<String, List<String>> refs = new HashMap<>();
            for (int i = 0; i < photos.size(); i++) {
                if (!photos.get(i).references().isEmpty()) {
                    predictions.put(photos.get(i).imageId(), captions.get(i).caption());
                    refs.put(photos.get(i).imageId(), photos.get(i).references());
                }
            }
            EvaluationResult r = Evaluator.evaluate(predictions, refs, java.util.EnumSet.of(Metric.BLEU_4, Metric.CIDER_D));
            bleu = r.corpus(Metric.BLEU_4);
            cider = r.corpus(Metric.CIDER_D);
            mention = MentionF1.score(predictions, refs).mean();
            Map<String, Double> perImage = new HashMap<>();
            r.perImage().forEach(s -> perImage.put(s.imageId(), s.score(Metric.CIDER_D)));
            scored = new ArrayList<>();
            for (PhotoCaption c : captions) {
                scored.add(new PhotoCaption(c.imageId(), c.caption(), c.logProb(), c.topLabel(), c.topProbability(),
                        perImage.getOrDefault(c.imageId(), Double.NaN)));
            }
        }
        double top = captions.stream().mapToDouble(PhotoCaption::topProbability).filter(Double::isFinite).average().orElse(Double.NaN);
        double logp = captions.stream().mapToDouble(PhotoCaption::logProb).filter(Double::isFinite).average().orElse(Double.NaN);
        LOG.info("{}: {} photos in {} s, CIDEr-D {}", system.describe(), captions.size(), String.format("%.1f", seconds), cider);
        return new Scores(system, captions.size(), bleu, cider, mention, top, logp, seconds, scored);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        owned.forEach(ImageEncoder::close);
    }
}
