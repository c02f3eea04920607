package org.captionlab.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The decoder's weights as plain little-endian float arrays, so that captioning never starts ND4J (reading
 * {@code decoder.zip} through DL4J costs well over a second at start-up; this file is read in milliseconds).
 * The trainer writes it beside {@code decoder.zip}; {@link ModelBundle} records its SHA-256 in the manifest.
 *
 * <p>Format (version 1): the 8 ASCII bytes {@code CLDECW01}; an int32 tensor count (6); then per tensor an
 * int32 name length, the UTF-8 name, int32 rows, int32 columns and rows × columns float32 values, row-major.
 * Tensors in order, in DL4J's layout: {@code embedding [V][E]}, {@code input [E+F][G]}, {@code recurrent
 * [H][G]}, {@code bias [1][G]}, {@code output [H][V]}, {@code outputBias [1][V]} with G = H (RNN) or 4H (LSTM,
 * DL4J's gate order). Every shape is checked against the manifest's decoder before anything is allocated.
 */
public final class DecoderWeightsFile {

    private static final byte[] MAGIC = "CLDECW01".getBytes(StandardCharsets.US_ASCII);
    static final List<String> NAMES = List.of("embedding", "input", "recurrent", "bias", "output", "outputBias");
    private static final int MAX_NAME = 64;

    private DecoderWeightsFile() {
    }

    /** The six tensors' shapes {@code [rows, cols]} for a decoder, in file order. */
    static int[][] shapes(DecoderConfig c) {
        int e = c.embeddingSize();
        int f = c.featureDim();
        int h = c.hiddenSize();
        int g = c.cell() == CellType.LSTM ? 4 * h : h;
        int v = c.vocabSize();
        return new int[][] {{v, e}, {e + f, g}, {h, g}, {1, g}, {h, v}, {1, v}};
    }

    /** Writes the tensors (file order, shapes of {@link #shapes}); the caller closes {@code sink}. */
    static void write(OutputStream sink, float[][][] tensors) throws IOException {
        if (tensors.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " tensors, got " + tensors.length);
        }
        OutputStream out = new BufferedOutputStream(sink, 1 << 16);
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(tensors.length);
        out.write(head.array());
        for (int t = 0; t < tensors.length; t++) {
            float[][] m = tensors[t];
            byte[] name = NAMES.get(t).getBytes(StandardCharsets.UTF_8);
            int cols = m.length == 0 ? 0 : m[0].length;
            ByteBuffer b = ByteBuffer.allocate(4 + name.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(name.length).put(name).putInt(m.length).putInt(cols);
            out.write(b.array());
            ByteBuffer row = ByteBuffer.allocate(cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : m) {
                if (r.length != cols) {
                    throw new IllegalArgumentException("tensor '" + NAMES.get(t) + "' is ragged");
                }
                row.clear();
                row.asFloatBuffer().put(r);
                out.write(row.array());
            }
        }
        out.flush();
    }

    /**
     * Reads the tensors of a decoder shaped as {@code config} says.
     *
     * @throws IOException naming the file when it is not such a file or any shape differs from the manifest's
     */
    static float[][][] read(Path file, DecoderConfig config) throws IOException {
        int[][] shapes = shapes(config);
        long expectedBytes = MAGIC.length + 4L;
        for (int t = 0; t < shapes.length; t++) {
            expectedBytes += 4L + NAMES.get(t).getBytes(StandardCharsets.UTF_8).length + 8L
                    + (long) shapes[t][0] * shapes[t][1] * Float.BYTES;
        }
        long size = Files.size(file);
        if (size != expectedBytes) {
            throw new IOException("decoder weights '" + file + "' are " + size + " bytes but a " + config.cell().id()
                    + " decoder of the manifest's sizes takes " + expectedBytes + " (damaged, or another model's file)");
        }
        float[][][] out = new float[shapes.length][][];
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            ByteBuffer count = ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN);
            if (!Arrays.equals(magic, MAGIC) || count.getInt() != shapes.length) {
                throw new IOException("decoder weights '" + file + "' are not a CaptionLab weights file (version 1)");
            }
            for (int t = 0; t < shapes.length; t++) {
                ByteBuffer len = ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN);
                int nameLength = len.getInt();
                if (nameLength <= 0 || nameLength > MAX_NAME) {
                    throw new IOException("decoder weights '" + file + "': tensor " + t + " has a bad name length");
                }
                String name = new String(in.readNBytes(nameLength), StandardCharsets.UTF_8);
                ByteBuffer dims = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
                int rows = dims.getInt();
                int cols = dims.getInt();
                if (!name.equals(NAMES.get(t)) || rows != shapes[t][0] || cols != shapes[t][1]) {
                    throw new IOException("decoder weights '" + file + "': tensor '" + name + "' is " + rows + "×" + cols
                            + " but the manifest's decoder needs '" + NAMES.get(t) + "' of " + shapes[t][0] + "×"
                            + shapes[t][1]);
                }
                float[][] m = new float[rows][cols];
                byte[] rowBytes = new byte[cols * Float.BYTES];
                for (int r = 0; r < rows; r++) {
                    if (in.readNBytes(rowBytes, 0, rowBytes.length) != rowBytes.length) {
                        throw new IOException("decoder weights '" + file + "' end early");
                    }
                    ByteBuffer.wrap(rowBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(m[r]);
                }
                out[t] = m;
            }
        }
        return out;
    }
}
