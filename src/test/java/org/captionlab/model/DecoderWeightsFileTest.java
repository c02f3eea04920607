package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain inference weights: written, read back, checked, and equal to the DL4J network they came from. */
class DecoderWeightsFileTest {

    @TempDir
    Path dir;

    private static float[][] random(int rows, int cols, Random r) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    private static float[][][] tensors(DecoderConfig c, long seed) {
        Random r = new Random(seed);
        int[][] shapes = DecoderWeightsFile.shapes(c);
        float[][][] t = new float[shapes.length][][];
        for (int i = 0; i < shapes.length; i++) {
            t[i] = random(shapes[i][0], shapes[i][1], r);
        }
        return t;
    }

    private Path write(String name, float[][][] t) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            DecoderWeightsFile.write(out, t);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm"})
    void roundTripsEveryValue(String cell) throws IOException {
        DecoderConfig c = new DecoderConfig(CellType.parse(cell), 7, 11, 5, 6, 0.0);
        float[][][] t = tensors(c, 3);
        float[][][] back = DecoderWeightsFile.read(write("w", t), c);
        assertThat(back).isDeepEqualTo(t);
    }

    @Test
    void refusesAFileOfAnotherShapeOrDamaged() throws IOException {
        DecoderConfig c = new DecoderConfig(CellType.RNN, 7, 11, 5, 6, 0.0);
        Path file = write("w", tensors(c, 3));
        DecoderConfig bigger = new DecoderConfig(CellType.RNN, 7, 12, 5, 6, 0.0);
        assertThatThrownBy(() -> DecoderWeightsFile.read(file, bigger))
                .isInstanceOf(IOException.class).hasMessageContaining("'" + file + "'").hasMessageContaining("bytes");
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 'X';
        Path damaged = dir.resolve("damaged");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> DecoderWeightsFile.read(damaged, c))
                .isInstanceOf(IOException.class).hasMessageContaining("not a CaptionLab weights file");
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> DecoderWeightsFile.read(truncated, c)).isInstanceOf(IOException.class);
    }

    /** The shipped bundles' plain weights are exactly their DL4J networks' (so captions cannot change). */
    @ParameterizedTest
    @ValueSource(strings = {"default", "rnn-v1", "lstm"})
    void shippedPlainWeightsEqualTheirNetworks(String name) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(Path.of("models", name))) {
            assertThat(bundle.manifest().files().inference()).isEqualTo(Manifest.Files.DEFAULT_INFERENCE);
            float[][][] plain = DecoderWeightsFile.read(bundle.directory().resolve(Manifest.Files.DEFAULT_INFERENCE),
                    bundle.manifest().decoderConfig());
            assertThat(plain).isDeepEqualTo(bundle.network().inferenceTensors());
        }
    }
}
