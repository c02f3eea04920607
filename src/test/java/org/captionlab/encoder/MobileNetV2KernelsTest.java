package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.captionlab.SharedAssets;
import org.captionlab.image.ImageLoader;
import org.junit.jupiter.api.Test;

/** The fast path: XNNPACK's quantized kernels, and one interpreter per concurrent caller. */
class MobileNetV2KernelsTest {

    private static final List<String> PHOTOS = List.of("cat_720p.jpg", "hot_dog.jpg", "parrot.jpg", "owl.jpg",
            "sunflower.bmp", "pets.jpg");

    private static MobileNetV2Encoder open(MobileNetV2Encoder.Kernels kernels, int interpreters) throws IOException {
        return MobileNetV2Encoder.open(SharedAssets.mobileNetWeights(),
                SharedAssets.mobileNetWeights().resolveSibling(MobileNetV2Encoder.LABELS_FILE_NAME), interpreters,
                WeightsCheck.PINNED, kernels);
    }

    private static List<BufferedImage> photos() throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        for (String p : PHOTOS) {
            out.add(new ImageLoader().load(SharedAssets.photo(p)));
        }
        return out;
    }

    @Test
    void xnnPackIsAppliedAndKeepsTheLabelsAndFeaturesOfTheBuiltInKernels() throws IOException {
        try (MobileNetV2Encoder fast = open(MobileNetV2Encoder.Kernels.XNNPACK, 1);
             MobileNetV2Encoder reference = open(MobileNetV2Encoder.Kernels.REFERENCE, 1)) {
            assertThat(fast.usesXnnPack()).isTrue();
            assertThat(reference.usesXnnPack()).isFalse();
            // Other rounding, so their features are cached apart.
            assertThat(fast.cacheKey()).isEqualTo("mobilenet-v2-xnnpack");
            assertThat(reference.cacheKey()).isEqualTo("mobilenet-v2");
            for (BufferedImage photo : photos()) {
                EncodedImage a = fast.encode(photo);
                EncodedImage b = reference.encode(photo);
                assertThat(a.labels().get(0).label()).isEqualTo(b.labels().get(0).label());
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < a.feature().length; i++) {
                    diff += Math.pow(a.feature()[i] - b.feature()[i], 2);
                    norm += Math.pow(b.feature()[i], 2);
                }
                // Measured over 100 Flickr8k photos: 7 % on average; a wrong graph would be far off.
                assertThat(Math.sqrt(diff / norm)).isLessThan(0.15);
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameFeaturesAsOneAfterAnother() throws Exception {
        List<BufferedImage> photos = photos();
        try (MobileNetV2Encoder encoder = open(MobileNetV2Encoder.Kernels.XNNPACK, 3)) {
            assertThat(encoder.threadSafe()).isTrue();
            List<float[]> sequential = new ArrayList<>();
            for (BufferedImage p : photos) {
                sequential.add(encoder.encode(p).feature());
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<float[]>> futures = new ArrayList<>();
                    for (BufferedImage p : photos) {
                        futures.add(pool.submit(() -> encoder.encode(p).feature()));
                    }
                    for (int i = 0; i < photos.size(); i++) {
                        assertThat(futures.get(i).get()).as(PHOTOS.get(i)).containsExactly(sequential.get(i));
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
