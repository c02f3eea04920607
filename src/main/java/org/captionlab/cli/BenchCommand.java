package org.captionlab.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Images;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code captionlab bench}: times each stage of captioning on real photos and reports every time also
 * as a ratio to a fixed reference workload run in the same process, so that figures from different
 * machines or runs can be compared.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark loading, encoding and decoding on photos.",
            "Each time is also given relative to a fixed plain-Java reference workload measured in the same run."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE_OR_FOLDER", description = "Photos (default: sample-images).")
    List<Path> inputs;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed rounds per stage after one warm-up round (default ${DEFAULT-VALUE}).")
    int repeat;

    /** A stage's median time per image in milliseconds. */
    record Timing(String stage, double millisPerImage) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> paths = Images.collect(inputs == null || inputs.isEmpty() ? List.of(Path.of("sample-images")) : inputs).images();
        if (paths.isEmpty()) {
            spec.commandLine().getErr().println("captionlab bench: no images");
            return CaptionLabCommand.FATAL;
        }
        List<Timing> timings = new ArrayList<>();
        double reference = median(this::referenceWorkload, 1);
        timings.add(new Timing("reference workload, per run (512×4096 mat-vec ×200)", reference));
        try (CaptioningService service = modelOptions.openService(spec.commandLine().getErr())) {
            List<BufferedImage> images = new ArrayList<>();
            timings.add(new Timing("load + convert", median(() -> {
                images.clear();
                for (Path p : paths) {
                    images.add(Images.load(p));
                }
            }, paths.size())));
            List<float[]> features = new ArrayList<>();
            timings.add(new Timing("encode (" + service.encoder().id() + ")", median(() -> {
                features.clear();
                for (BufferedImage img : images) {
                    EncodedImage e = service.encoder().encode(img);
                    features.add(e.feature());
                }
            }, paths.size())));
            DecodeOptions greedy = DecodeOptions.greedy();
            timings.add(new Timing("decode greedy", median(() -> decodeAll(service, features, greedy), paths.size())));
            timings.add(new Timing("decode beam 3", median(() -> decodeAll(service, features, DecodeOptions.beam(3, 3)), paths.size())));
            timings.add(new Timing("decode beam 5", median(() -> decodeAll(service, features, DecodeOptions.beam(5, 5)), paths.size())));
            DecodeOptions recommended = service.defaultOptions();
            timings.add(new Timing("decode model default (" + EvaluateCommand.describe(recommended) + ")",
                    median(() -> decodeAll(service, features, recommended), paths.size())));
            out.printf("bench: %d images, model %s, %d timed rounds (median), Java %s, %d cores%n", paths.size(),
                    service.model().name(), repeat, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        }
        out.print(BenchTable.render(timings, reference));
        out.flush();
        return CaptionLabCommand.OK;
    }

    private static void decodeAll(CaptioningService service, List<float[]> features, DecodeOptions options) {
        for (float[] f : features) {
            service.decode(f, options);
        }
    }

    /** A task that may throw. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /** Median over {@link #repeat} rounds (after one warm-up round) of the time per unit. */
    private double median(Work work, int units) throws IOException {
        work.run();
        double[] ms = new double[Math.max(1, repeat)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6 / units;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static volatile float sink;

    /** Fixed CPU work: 200 products of a 512×4096 matrix with a vector, in plain Java. */
    private void referenceWorkload() {
        int rows = 512;
        int cols = 4096;
        float[] m = new float[rows * cols];
        float[] v = new float[cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = (i % 97) / 97f;
        }
        for (int i = 0; i < cols; i++) {
            v[i] = (i % 13) / 13f;
        }
        float acc = 0;
        for (int r = 0; r < 200; r++) {
            for (int i = 0; i < rows; i++) {
                float s = 0;
                int off = i * cols;
                for (int j = 0; j < cols; j++) {
                    s += m[off + j] * v[j];
                }
                acc += s;
            }
            v[r % cols] += 1e-3f;
        }
        sink = acc;
    }
}
