package org.captionlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.captionlab.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path dir;

    private static String key(int i) {
        return Hashing.sha256(("image-" + i).getBytes());
    }

    private static float[] feature(int i, int dim) {
        float[] f = new float[dim];
        for (int j = 0; j < dim; j++) {
            f[j] = (i * 31 + j) % 17 / 3f;
        }
        return f;
    }

    @Test
    void storesAndReloads() throws IOException {
        try (FeatureCache cache = FeatureCache.open(dir, "mobilenet-v2", "abc123", 8)) {
            for (int i = 0; i < 5; i++) {
                cache.put(key(i), feature(i, 8));
            }
            assertThat(cache.size()).isEqualTo(5);
        }
        try (FeatureCache cache = FeatureCache.open(dir, "mobilenet-v2", "abc123", 8)) {
            assertThat(cache.size()).isEqualTo(5);
            float[] back = cache.get(key(3));
            float[] expected = feature(3, 8);
            for (int j = 0; j < 8; j++) {
                assertThat((double) back[j]).isCloseTo(expected[j], within(expected[j] * 5e-4 + 1e-6));
            }
            assertThat(cache.get(key(99))).isNull();
        }
    }

    @Test
    void interruptedWriteKeepsCompleteRecordsAndResumes() throws IOException {
        Path file;
        try (FeatureCache cache = FeatureCache.open(dir, "enc", "sha", 4)) {
            cache.put(key(0), feature(0, 4));
            cache.put(key(1), feature(1, 4));
            file = cache.file();
        }
        // Simulate a process killed in the middle of the third record.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[10]));
        }
        try (FeatureCache cache = FeatureCache.open(dir, "enc", "sha", 4)) {
            assertThat(cache.size()).isEqualTo(2);
            cache.put(key(2), feature(2, 4));
        }
        try (FeatureCache cache = FeatureCache.open(dir, "enc", "sha", 4)) {
            assertThat(cache.size()).isEqualTo(3);
            assertThat(cache.get(key(2))).isNotNull();
        }
    }

    @Test
    void refusesFileOfAnotherEncoderDimension() throws IOException {
        Path file;
        try (FeatureCache cache = FeatureCache.open(dir, "enc", "sha", 4)) {
            file = cache.file();
        }
        // Same file name (same id and sha) but another dimension: header mismatch.
        assertThatThrownBy(() -> FeatureCache.open(dir, "enc", "sha", 8))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("another encoder");
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void separatesEncodersAndWeights() throws IOException {
        try (FeatureCache a = FeatureCache.open(dir, "enc", "sha-one", 4);
             FeatureCache b = FeatureCache.open(dir, "enc", "sha-two", 4)) {
            a.put(key(0), feature(0, 4));
            assertThat(b.contains(key(0))).isFalse();
            assertThat(a.file()).isNotEqualTo(b.file());
        }
    }

    @Test
    void rejectsWrongDimension() throws IOException {
        try (FeatureCache cache = FeatureCache.open(dir, "enc", "sha", 4)) {
            assertThatThrownBy(() -> cache.put(key(0), new float[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 4");
        }
    }

    @Test
    void mirroredFeaturesLiveApartFromThePlainOnesAndAnOldCacheStillReads() throws IOException {
        Path plainFile;
        // A cache as written before mirroring existed: the plain key only.
        try (FeatureCache plain = FeatureCache.open(dir, "mobilenet-v2-xnnpack", "abc123", 4)) {
            plain.put(key(0), feature(0, 4));
            plain.put(key(1), feature(1, 4));
            plainFile = plain.file();
        }
        byte[] before = Files.readAllBytes(plainFile);

        Path mirroredFile;
        try (FeatureCache mirrored = FeatureCache.open(dir, FeatureCache.mirroredKey("mobilenet-v2-xnnpack"), "abc123", 4)) {
            mirroredFile = mirrored.file();
            // Same content hash, other namespace: nothing of the plain cache shows through.
            assertThat(mirrored.contains(key(0))).isFalse();
            assertThat(mirrored.size()).isZero();
            mirrored.put(key(0), feature(7, 4));
        }
        assertThat(mirroredFile).isNotEqualTo(plainFile);
        assertThat(Files.readAllBytes(plainFile)).as("the plain cache is not touched").isEqualTo(before);

        try (FeatureCache plain = FeatureCache.open(dir, "mobilenet-v2-xnnpack", "abc123", 4);
             FeatureCache mirrored = FeatureCache.open(dir, FeatureCache.mirroredKey("mobilenet-v2-xnnpack"), "abc123", 4)) {
            assertThat(plain.size()).isEqualTo(2);
            assertThat(plain.get(key(0))).containsExactly(feature(0, 4), within(5e-3f));
            assertThat(mirrored.size()).isEqualTo(1);
            assertThat(mirrored.get(key(0))).containsExactly(feature(7, 4), within(5e-3f));
            assertThat(mirrored.get(key(1))).isNull();
        }
    }

    @Test
    void aMirroredCacheFileIsNeverReadAsThePlainOne() throws IOException {
        Path mirroredFile;
        try (FeatureCache mirrored = FeatureCache.open(dir, FeatureCache.mirroredKey("enc"), "sha", 4)) {
            mirrored.put(key(0), feature(0, 4));
            mirroredFile = mirrored.file();
        }
        // Even renamed to the plain cache's file name, its header names the mirrored key and is refused.
        Path plainName;
        try (FeatureCache plain = FeatureCache.open(dir.resolve("probe"), "enc", "sha", 4)) {
            plainName = plain.file().getFileName();
        }
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.copy(mirroredFile, other.resolve(plainName));
        assertThatThrownBy(() -> FeatureCache.open(other, "enc", "sha", 4))
                .isInstanceOf(IOException.class).hasMessageContaining("another encoder");
    }
}
