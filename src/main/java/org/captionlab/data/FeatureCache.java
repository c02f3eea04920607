package org.captionlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.captionlab.util.Half;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image features stored once per (encoder id, encoder weights SHA-256, image content SHA-256), so that
 * training, evaluation and the app never encode the same image twice.
 *
 * <p>One append-only file per encoder and weights: a header naming both, then records of
 * {@code 32-byte content hash | dim float16 values}. Each record is appended and flushed as soon as it
 * is computed, so an interrupted run keeps everything done so far; a trailing partial record (the
 * process died mid-write) is dropped when the file is next opened and overwritten by the next append.
 * float16 halves the size (7,000 MobileNetV2 features ≈ 18 MB) at a relative error below 0.05 %.
 *
 * <p>Thread-safe.
 */
public final class FeatureCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final int MAGIC = 0x434C4643; // "CLFC"
    private static final int VERSION = 1;
    private static final int HASH_BYTES = 32;

    /**
     * What {@link #mirroredKey} appends to an encoder's cache key. The mirrored features of an encoder live in a
     * cache file of their own (its header names the key with this suffix), so a cache written before mirroring
     * existed reads as before, and a plain feature can never be served for a mirrored one or the reverse: the two
     * share a content hash, and only the file tells them apart.
     */
    public static final String MIRRORED_SUFFIX = "#mirror";

    /** The cache key under which the features of the photos mirrored left-right are cached, for an encoder's key. */
    public static String mirroredKey(String encoderCacheKey) {
        return encoderCacheKey + MIRRORED_SUFFIX;
    }

    private final Path file;
    private final String encoderId;
    private final String weightsSha256;
    private final int dim;
    private final Map<String, short[]> features = new HashMap<>();
    private final FileChannel channel;

    private FeatureCache(Path file, String encoderId, String weightsSha256, int dim, FileChannel channel) {
        this.file = file;
        this.encoderId = encoderId;
        this.weightsSha256 = weightsSha256;
        this.dim = dim;
        this.channel = channel;
    }

    /**
     * Opens (or creates) the cache file for an encoder under {@code dir}.
     *
     * @throws IOException if the file exists but belongs to another encoder or is not a cache file
     */
    public static FeatureCache open(Path dir, String encoderId, String weightsSha256, int dim) throws IOException {
        if (dim <= 0) {
            throw new IllegalArgumentException("feature dimension must be positive, was " + dim);
        }
        Files.createDirectories(dir);
        String shortSha = weightsSha256.length() > 12 ? weightsSha256.substring(0, 12) : weightsSha256;
        Path file = dir.resolve(encoderId.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + shortSha.replaceAll("[^A-Za-z0-9._-]", "_") + ".features");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FeatureCache cache = new FeatureCache(file, encoderId, weightsSha256, dim, ch);
        try {
            cache.loadOrInit();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return cache;
    }

    private byte[] header() {
        byte[] id = encoderId.getBytes(StandardCharsets.UTF_8);
        byte[] sha = weightsSha256.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 * 5 + id.length + sha.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(dim).putInt(id.length).put(id).putInt(sha.length).put(sha);
        return b.array();
    }

    private void loadOrInit() throws IOException {
        byte[] expected = header();
        if (channel.size() == 0) {
            channel.write(ByteBuffer.wrap(expected), 0);
            channel.force(false);
            channel.position(expected.length);
            return;
        }
        long recordBytes = HASH_BYTES + 2L * dim;
        long validEnd;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] actual = new byte[expected.length];
            try {
                in.readFully(actual);
            } catch (EOFException e) {
                throw new IOException("feature cache '" + file + "' is truncated in its header; delete it to rebuild");
            }
            if (!java.util.Arrays.equals(actual, expected)) {
                throw new IOException("feature cache '" + file + "' was written for another encoder or format"
                        + " (expected " + encoderId + ", " + dim + "-d, weights " + weightsSha256 + "); delete it to rebuild");
            }
            validEnd = expected.length;
            byte[] hash = new byte[HASH_BYTES];
            byte[] values = new byte[2 * dim];
            HexFormat hex = HexFormat.of();
            while (true) {
                try {
                    in.readFully(hash);
                    in.readFully(values);
                } catch (EOFException e) {
                    break;
                }
                ByteBuffer vb = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
                short[] h = new short[dim];
                vb.asShortBuffer().get(h);
                features.put(hex.formatHex(hash), h);
                validEnd += recordBytes;
            }
        }
        if (validEnd < channel.size()) {
            LOG.warn("feature cache '{}': dropping {} bytes of an unfinished record (interrupted run)",
                    file, channel.size() - validEnd);
            channel.truncate(validEnd);
        }
        channel.position(validEnd);
        LOG.info("feature cache '{}': {} features", file, features.size());
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** Feature dimension. */
    public int dim() {
        return dim;
    }

    /** Number of cached features. */
    public synchronized int size() {
        return features.size();
    }

    /** True if the image with this content hash is cached. */
    public synchronized boolean contains(String contentSha256) {
        return features.containsKey(contentSha256);
    }

    /** The cached feature (as float32), or null. */
    public synchronized float[] get(String contentSha256) {
        short[] h = features.get(contentSha256);
        if (h == null) {
            return null;
        }
        float[] f = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            f[i] = Half.toFloat(h[i]);
        }
        return f;
    }

    /** Stores a feature and appends it to the file at once; a second put for the same hash is ignored. */
    public synchronized void put(String contentSha256, float[] feature) throws IOException {
        if (feature.length != dim) {
            throw new IllegalArgumentException("feature has " + feature.length + " values, cache expects " + dim);
        }
        if (features.containsKey(contentSha256)) {
            return;
        }
        byte[] hash = HexFormat.of().parseHex(contentSha256);
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("content hash must be a SHA-256 hex string: " + contentSha256);
        }
        short[] h = new short[dim];
        ByteBuffer record = ByteBuffer.allocate(HASH_BYTES + 2 * dim).order(ByteOrder.LITTLE_ENDIAN);
        record.put(hash);
        for (int i = 0; i < dim; i++) {
            h[i] = Half.fromFloat(feature[i]);
            record.putShort(h[i]);
        }
        record.flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        features.put(contentSha256, h);
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            LOG.warn("feature cache '{}': could not close cleanly: {}", file, e.getMessage());
        }
    }
}
