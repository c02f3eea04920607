package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Times {@link RecurrentCaptionModel#step} for a beam of 5 at the default model size (V=3000, H=512, E=256,
 * F=1280), with ND4J's gemm for the output projection alone as a reference. Not a test (timings are not
 * asserted); run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.captionlab.model.StepBenchmark}.
 */
public final class StepBenchmark {

    private StepBenchmark() {
    }

    public static void main(String[] args) {
        int v = 3000;
        int h = 512;
        int e = 256;
        int f = 1280;
        int beam = 5;
        Random random = new Random(1);
        for (CellType cell : CellType.values()) {
            DecoderConfig config = new DecoderConfig(cell, f, v, e, h, 0);
            RecurrentCaptionModel model;
            try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults())) {
                model = network.toCaptionModel(TestData.vocabulary(v));
            }
            float[] feature = TestData.randomFeature(random, f);
            // Warm-up: JIT and the per-word input cache.
            run(model, feature, beam, 3000, random);
            int steps = 5000;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run(model, feature, beam, steps, random);
            double perStep = (System.nanoTime() - t0) / 1e3 / steps;
            double cpuPerStep = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / steps;
            long t1 = System.nanoTime();
            int images = 200;
            for (int i = 0; i < images; i++) {
                model.initialState(feature);
            }
            double perImage = (System.nanoTime() - t1) / 1e3 / images;
            System.out.printf("%s: step (beam %d) %.0f µs wall, %.0f µs CPU; initialState %.0f µs%n", cell, beam,
                    perStep, cpuPerStep, perImage);
        }
        INDArray hs = Nd4j.rand(DataType.FLOAT, beam, h);
        INDArray why = Nd4j.rand(DataType.FLOAT, h, v);
        for (int i = 0; i < 2000; i++) {
            hs.mmul(why);
        }
        long t2 = System.nanoTime();
        int reps = 5000;
        for (int i = 0; i < reps; i++) {
            hs.mmul(why);
        }
        System.out.printf("ND4J gemm [%d×%d]·[%d×%d] alone: %.0f µs%n", beam, h, h, v, (System.nanoTime() - t2) / 1e3 / reps);
    }

    private static void run(CaptionModel model, float[] feature, int beam, int steps, Random random) {
        DecoderState state = model.initialState(feature).select(new int[beam]);
        int[] tokens = new int[beam];
        java.util.Arrays.fill(tokens, Vocabulary.START_ID);
        for (int s = 0; s < steps; s++) {
            CaptionModel.Step step = model.step(state, tokens);
            for (int r = 0; r < beam; r++) {
                tokens[r] = 3 + random.nextInt(model.vocabulary().size() - 3);
            }
            state = (s % 20 == 19) ? model.initialState(feature).select(new int[beam]) : step.next();
        }
    }
}
