package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.FeatureCache;
import org.captionlab.data.ImageCaptions;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.image.ImageConversions;
import org.captionlab.train.CaptionedFeature;
import org.captionlab.util.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --mirror}'s features: the mirrored pass encodes the decoded photo flipped left-right, into a cache of
 * its own, and each training example carries both features.
 */
class MirroredFeaturesTest {

    @TempDir
    Path dir;

    /** An encoder whose feature is the image's RGB bytes themselves, so a test can read the pixels it was given. */
    private static final class PixelEncoder implements ImageEncoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String id() {
            return "pixels";
        }

        @Override
        public int featureDim() {
            return 3 * 2 * 3;
        }

        @Override
        public String weightsSha256() {
            return "0".repeat(64);
        }

        @Override
        public EncodedImage encode(BufferedImage image) {
            calls.incrementAndGet();
            byte[] rgb = ImageConversions.toRgbBytes(image);
            float[] f = new float[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                f[i] = rgb[i] & 0xFF;
            }
            return new EncodedImage(f, List.of());
        }

        @Override
        public void close() {
        }
    }

    private Path png(String name, int seed) throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.setRGB(x, y, (seed * 7919 + (y * 3 + x) * 104729) & 0xFFFFFF);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    /** The 3×2 feature's pixels with each row reversed. */
    private static float[] flipped(float[] f) {
        float[] out = new float[f.length];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                System.arraycopy(f, (y * 3 + x) * 3, out, (y * 3 + (2 - x)) * 3, 3);
            }
        }
        return out;
    }

    @Test
    void eachExampleCarriesThePlainAndTheFlippedPixelsFromTwoCaches() throws IOException {
        List<ImageCaptions> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            images.add(new ImageCaptions("img" + i, png("img" + i + ".png", i + 1), List.of("a caption")));
        }
        CaptionDataset dataset = new CaptionDataset("test", images, List.of());
        PixelEncoder encoder = new PixelEncoder();
        Path cacheDir = dir.resolve("cache");
        FeatureSet set;
        try (FeatureCache plain = FeatureCache.open(cacheDir, encoder.cacheKey(), encoder.weightsSha256(), encoder.featureDim());
             FeatureCache mirrored = FeatureCache.open(cacheDir, FeatureCache.mirroredKey(encoder.cacheKey()),
                     encoder.weightsSha256(), encoder.featureDim())) {
            set = FeatureSet.of(dataset, encoder, plain, mirrored, (sha, labels) -> { }, ProgressListener.NONE,
                    ProgressListener.NONE, () -> false);
            assertThat(plain.size()).isEqualTo(3);
            assertThat(mirrored.size()).isEqualTo(3);
        }
        assertThat(set.problems()).isEmpty();
        assertThat(set.encoded()).isEqualTo(6);
        assertThat(set.examples()).hasSize(3);
        for (CaptionedFeature e : set.examples()) {
            assertThat(e.mirrored()).as(e.imageId()).isNotNull().containsExactly(flipped(e.feature()));
            assertThat(e.mirrored()).as(e.imageId()).isNotEqualTo(e.feature());
        }

        // A second run finds both kinds cached and encodes nothing; a plain-only run gets plain features only.
        encoder.calls.set(0);
        try (FeatureCache plain = FeatureCache.open(cacheDir, encoder.cacheKey(), encoder.weightsSha256(), encoder.featureDim());
             FeatureCache mirrored = FeatureCache.open(cacheDir, FeatureCache.mirroredKey(encoder.cacheKey()),
                     encoder.weightsSha256(), encoder.featureDim())) {
            FeatureSet again = FeatureSet.of(dataset, encoder, plain, mirrored, (sha, labels) -> { }, ProgressListener.NONE,
                    ProgressListener.NONE, () -> false);
            assertThat(again.encoded()).isZero();
            assertThat(again.examples().get(1).mirrored()).containsExactly(set.examples().get(1).mirrored());
            FeatureSet plainOnly = FeatureSet.of(dataset, encoder, plain, ProgressListener.NONE, () -> false);
            assertThat(plainOnly.examples()).allSatisfy(e -> assertThat(e.mirrored()).isNull());
            assertThat(plainOnly.examples().get(2).feature()).containsExactly(set.examples().get(2).feature());
        }
        assertThat(encoder.calls.get()).isZero();
    }
}
