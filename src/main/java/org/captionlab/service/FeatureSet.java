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
        List<Path> paths = new ArrayList<>();
        for (ImageCaptions image : dataset.images()) {
            paths.add(image.path());
        }
        FeatureExtraction.Result r = FeatureExtraction.run(paths, encoder, cache, labels, progress, cancelled);
        List<CaptionedFeature> examples = new ArrayList<>();
        Map<Path, String> hashes = r.features();
        for (ImageCaptions image : dataset.images()) {
            String sha = hashes.get(image.path());
            if (sha != null) {
                examples.add(new CaptionedFeature(image.imageId(), cache.get(sha), image.captions()));
            }
        }
        List<String> problems = new ArrayList<>(dataset.problems());
        problems.addAll(r.failures());
        return new FeatureSet(List.copyOf(examples), List.copyOf(problems), r.encoded(), r.cancelled());
    }

    /**
     * What {@link #extract} did.
     *
     * @param features  the dataset's images with their features
     * @param cacheFile the feature cache that holds them
     */
    public record Extraction(FeatureSet features, Path cacheFile) {
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
        CaptionDataset dataset = DatasetLoading.load(spec);
        try (ImageEncoder encoder = ImageEncoders.open(encoderId, encoderWeights, EncoderWeights.Environment.system(settings.home()),
                download);
             FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), encoder.cacheKey(), encoder.weightsSha256(),
                     encoder.featureDim())) {
            return new Extraction(of(dataset, encoder, cache, progress, cancelled), cache.file());
        }
    }
}
