package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.FeatureCache;
import org.captionlab.encoder.EncoderWeights;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.data.ImageCaptions;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageLabel;
import java.util.function.BiConsumer;
import org.captionlab.train.CaptionedFeature;
import org.captionlab.util.ProgressListener;

/**
 * Images of a dataset with their features, taken from the feature cache (encoding what is missing).
 *
 * @param examples images with a feature, in dataset order
 * @param problems images that could not be used, one sentence each, plus the dataset's own problems
 * @param encoded  images encoded now (the rest came from the cache)
 * @param cancelled true if encoding was interrupted (examples then hold only what is done)
 */
public record FeatureSet(List<CaptionedFeature> examples, List<String> problems, int encoded, boolean cancelled) {

    /** Encodes (or finds in the cache) every image of the dataset. */
    public static FeatureSet of(CaptionDataset dataset, ImageEncoder encoder, FeatureCache cache,
                                ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        return of(dataset, encoder, cache, (sha, labels) -> { }, progress, cancelled);
    }

    /** Encodes (or finds in the cache) every image, handing the labels of the images encoded now to {@code labels}. */
    public static FeatureSet of(CaptionDataset dataset, ImageEncoder encoder, FeatureCache cache,
                                BiConsumer<String, List<ImageLabel>> labels,
                                ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        return of(dataset, encoder, cache, null, labels, progress, ProgressListener.NONE, cancelled);
    }

    /**
     * Encodes (or finds in the caches) every image, and, when {@code mirroredCache} is not null, every image
     * mirrored left-right too: each example then carries both features ({@link CaptionedFeature#mirrored()}; null
     * for an image whose mirrored encoding failed, which training then uses plain only).
     *
     * @param mirroredCache the encoder's cache of mirrored features ({@link FeatureCache#mirroredKey}), or null
     * @param mirroredProgress progress of the mirrored pass
     */
    public static FeatureSet of(CaptionDataset dataset, ImageEncoder encoder, FeatureCache cache, FeatureCache mirroredCache,
                                BiConsumer<String, List<ImageLabel>> labels, ProgressListener progress,
                                ProgressListener mirroredProgress, BooleanSupplier cancelled) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (ImageCaptions image : dataset.images()) {
            paths.add(image.path());
        }
        FeatureExtraction.Result r = FeatureExtraction.run(paths, encoder, cache, labels, progress, cancelled);
        List<String> problems = new ArrayList<>(dataset.problems());
        problems.addAll(r.failures());
        int encoded = r.encoded();
        boolean wasCancelled = r.cancelled();
        Map<Path, String> mirroredHashes = Map.of();
        if (mirroredCache != null && !wasCancelled) {
            // Only the images that have a plain feature: the others are not examples at all.
            List<Path> usable = paths.stream().filter(r.features()::containsKey).toList();
            FeatureExtraction.Result m = FeatureExtraction.run(usable, encoder, mirroredCache, true, (sha, l) -> { },
                    mirroredProgress, cancelled);
            mirroredHashes = m.features();
            for (String failure : m.failures()) {
                problems.add("mirrored " + failure);
            }
            encoded += m.encoded();
            wasCancelled = m.cancelled();
        }
        List<CaptionedFeature> examples = new ArrayList<>();
        Map<Path, String> hashes = r.features();
        for (ImageCaptions image : dataset.images()) {
            String sha = hashes.get(image.path());
            if (sha != null) {
                String mirroredSha = mirroredHashes.get(image.path());
                examples.add(new CaptionedFeature(image.imageId(), cache.get(sha), image.captions(),
                        mirroredSha == null ? null : mirroredCache.get(mirroredSha)));
            }
        }
        return new FeatureSet(List.copyOf(examples), List.copyOf(problems), encoded, wasCancelled);
    }

    /**
     * What {@link #extract} did.
     *
     * @param features  the dataset's images with their features
     * @param cacheFile the feature cache that holds them
     * @param mirroredCacheFile the cache of the mirrored photos' features, or null when they were not asked for
     */
    public record Extraction(FeatureSet features, Path cacheFile, Path mirroredCacheFile) {
    }

    /**
     * Reads a dataset and encodes its images into the feature cache (the {@code features} command).
     *
     * @param encoderId      encoder id, e.g. {@code mobilenet-v2}
     * @param encoderWeights the encoder's weights file, or null to find or download them
     * @param download       progress of a weights download, in bytes
     * @param progress       progress of encoding, in images
     * @param cancelled      polled between images
     */
    public static Extraction extract(Settings settings, DatasetSpec spec, String encoderId, Path encoderWeights,
                                     ProgressListener download, ProgressListener progress, BooleanSupplier cancelled)
            throws IOException {
        return extract(settings, spec, encoderId, encoderWeights, false, download, progress, ProgressListener.NONE, cancelled);
    }

    /**
     * As {@link #extract(Settings, DatasetSpec, String, Path, ProgressListener, ProgressListener, BooleanSupplier)},
     * encoding every image mirrored left-right too when {@code mirror} ({@code features --mirror}, what
     * {@code train --mirror} reads).
     */
    public static Extraction extract(Settings settings, DatasetSpec spec, String encoderId, Path encoderWeights,
                                     boolean mirror, ProgressListener download, ProgressListener progress,
                                     ProgressListener mirroredProgress, BooleanSupplier cancelled) throws IOException {
        CaptionDataset dataset = DatasetLoading.load(spec);
        try (ImageEncoder encoder = ImageEncoders.open(encoderId, encoderWeights, EncoderWeights.Environment.system(settings.home()),
                download);
             FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), encoder.cacheKey(), encoder.weightsSha256(),
                     encoder.featureDim());
             FeatureCache mirrored = mirror ? openMirrored(settings, encoder) : null) {
            return new Extraction(of(dataset, encoder, cache, mirrored, (sha, l) -> { }, progress, mirroredProgress, cancelled),
                    cache.file(), mirrored == null ? null : mirrored.file());
        }
    }

    /** The encoder's cache of mirrored-photo features (a file of its own beside the plain one). */
    static FeatureCache openMirrored(Settings settings, ImageEncoder encoder) throws IOException {
        return FeatureCache.open(settings.featureCacheDir(), FeatureCache.mirroredKey(encoder.cacheKey()),
                encoder.weightsSha256(), encoder.featureDim());
    }
}
