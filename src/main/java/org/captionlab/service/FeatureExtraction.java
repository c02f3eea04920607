package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.captionlab.data.FeatureCache;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageLabel;
import java.util.function.BiConsumer;
import org.captionlab.image.ImageConversions;
import org.captionlab.image.ImageLoader;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes many images into a {@link FeatureCache}, each image once: images already in the cache (by
 * content hash) are skipped, so an interrupted run resumes where it stopped. Decoding/resizing of the
 * next image (a reader thread) overlaps with the encoder's forward pass.
 */
public final class FeatureExtraction {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtraction.class);

    /**
     * The outcome of a run.
     *
     * @param features content hash of each image that has a feature (new or cached), by path
     * @param encoded  images encoded in this run
     * @param cached   images that were already in the cache
     * @param failures one sentence per image that could not be used (the run went on)
     * @param cancelled true if the run was stopped before the end
     */
    public record Result(Map<Path, String> features, int encoded, int cached, List<String> failures, boolean cancelled) {
    }

    private FeatureExtraction() {
    }

    /**
     * Encodes every image not yet in the cache.
     *
     * @param cancelled polled between images; when it turns true the run stops (what was done is kept)
     */
    public static Result run(List<Path> images, ImageEncoder encoder, FeatureCache cache,
                             ProgressListener progress, BooleanSupplier cancelled) {
        return run(images, encoder, cache, (sha, labels) -> { }, progress, cancelled);
    }

    /**
     * Encodes every image not yet in the cache, handing the labels of each image encoded now (by content
     * hash) to {@code labels}, so that they need no second pass.
     */
    public static Result run(List<Path> images, ImageEncoder encoder, FeatureCache cache,
                             BiConsumer<String, List<ImageLabel>> labels,
                             ProgressListener progress, BooleanSupplier cancelled) {
        return run(images, encoder, cache, false, labels, progress, cancelled);
    }

    /**
     * Encodes every image not yet in the cache, the photos mirrored left-right when {@code mirrored} (the cache
     * must then be the encoder's mirrored one, {@link FeatureCache#mirroredKey}: both kinds are keyed by the
     * image's content hash). The labels of mirrored photos are not handed on: the label cache is of plain photos.
     */
    public static Result run(List<Path> images, ImageEncoder encoder, FeatureCache cache, boolean mirrored,
                             BiConsumer<String, List<ImageLabel>> labels,
                             ProgressListener progress, BooleanSupplier cancelled) {
        Map<Path, String> features = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int cachedCount = 0;
        // Hash first: cached images need no decoding at all.
        List<Path> todo = new ArrayList<>();
        List<String> todoHashes = new ArrayList<>();
        for (Path p : images) {
            try {
                String sha = Hashing.sha256(p);
                if (cache.contains(sha)) {
                    features.put(p, sha);
                    cachedCount++;
                } else {
                    todo.add(p);
                    todoHashes.add(sha);
                }
            } catch (IOException e) {
                failures.add("image '" + p + "': cannot be read (" + e.getMessage() + ")");
            }
        }
        long total = images.size();
        long done = cachedCount + failures.size();
        progress.progress(done, total, "");
        BlockingQueue<Loaded> queue = new ArrayBlockingQueue<>(8);
        AtomicBoolean stop = new AtomicBoolean();
        ImageLoader loader = new ImageLoader();
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < todo.size() && !stop.get(); i++) {
                    Path p = todo.get(i);
                    Loaded item;
                    try {
                        BufferedImage image = loader.load(p);
                        item = new Loaded(i, mirrored ? ImageConversions.mirrored(image) : image, null);
                    } catch (IOException | RuntimeException e) {
                        item = new Loaded(i, null, e);
                    }
                    queue.put(item);
                }
                queue.put(Loaded.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feature-reader");
        reader.setDaemon(true);
        reader.start();
        int encodedCount = 0;
        boolean wasCancelled = false;
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    wasCancelled = true;
                    break;
                }
                Loaded next = queue.take();
                if (next == Loaded.END) {
                    break;
                }
                int i = next.index();
                Path p = todo.get(i);
                if (next.error() != null) {
                    Exception e = next.error();
                    failures.add(e instanceof IOException ? e.getMessage() : "image '" + p + "': " + e);
                    LOG.warn("skipping {}", p, e);
                } else {
                    try {
                        EncodedImage encoded = encoder.encode(next.image());
                        cache.put(todoHashes.get(i), encoded.feature());
                        if (!mirrored) {
                            labels.accept(todoHashes.get(i), encoded.labels());
                        }
                        features.put(p, todoHashes.get(i));
                        encodedCount++;
                    } catch (IOException | RuntimeException e) {
                        failures.add("image '" + p + "': encoding failed (" + e.getMessage() + ")");
                        LOG.warn("encoding {} failed", p, e);
                    }
                }
                done++;
                progress.progress(done, total, p.getFileName().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            wasCancelled = true;
        } finally {
            stop.set(true);
            queue.clear();
            reader.interrupt();
        }
        return new Result(features, encodedCount, cachedCount, failures, wasCancelled);
    }

    /** An image the reader thread loaded for the encoder, or why it could not; {@link #END} ends the run. */
    private record Loaded(int index, BufferedImage image, Exception error) {
        static final Loaded END = new Loaded(-1, null, null);
    }
}
