package org.captionlab.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.captionlab.encoder.Vgg16Encoder;
import org.captionlab.image.ImageLoader;
import org.captionlab.image.ImageResizer;
import org.captionlab.search.DecodeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process stages {@code captionlab bench} times: encoding one image at a time and one per core at once,
 * decoding (greedy, beam 3, beam 7), reading and squashing a large JPEG, and VGG16 (random weights, never a
 * download). Each figure is the median over {@code repeat} rounds after one warm-up round.
 */
public final class StageBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(StageBenchmark.class);

    /**
     * One stage's time.
     *
     * @param key    JSON name, shared with the reference script's output
     * @param label  what was measured
     * @param millis median milliseconds per image
     */
    public record Stage(String key, String label, double millis) {
    }

    /** A task that may throw. */
    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    private StageBenchmark() {
    }

    /** Writes {@code n} of {@code photos} squashed to {@code width×height} as JPEGs into {@code dir}. */
    public static Path prepareFolder(List<Path> photos, int n, int width, int height, Path dir) throws IOException {
        Files.createDirectories(dir);
        ImageLoader loader = new ImageLoader();
        int written = 0;
        for (Path p : photos) {
            if (written == n) {
                break;
            }
            BufferedImage img;
            try {
                img = loader.load(p);
            } catch (IOException e) {
                LOG.warn("bench: skipping {}", p, e);
                continue;
            }
            ImageIO.write(ImageResizer.squash(img, width, height), "jpg",
                    dir.resolve(String.format(Locale.ROOT, "%05d.jpg", written)).toFile());
            written++;
        }
        return dir;
    }

    /**
     * Times the stages on photos of {@code smallDir} (224×224) and {@code largeDir} (1024×768).
     *
     * @param vgg16Images VGG16 rounds (0 skips it)
     * @param progress    a line before each group of stages
     */
    public static List<Stage> measure(CaptioningService service, Path smallDir, Path largeDir, int repeat,
                                      int vgg16Images, Consumer<String> progress) throws IOException {
        progress.accept("encoder and decoder stages");
        List<Path> smallFiles = Images.collect(List.of(smallDir)).images();
        List<BufferedImage> inputs = new ArrayList<>();
        ImageLoader loader = new ImageLoader();
        for (Path p : smallFiles.subList(0, Math.min(16, smallFiles.size()))) {
            inputs.add(loader.load(p));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Stage> stages = new ArrayList<>();
        ImageEncoder encoder = service.encoder();
        stages.add(new Stage("encode_batch1_ms", "encode " + encoder.id() + ", one image at a time",
                median(() -> encoder.encode(inputs.get(0)), 1, repeat)));
        if (encoder.threadSafe()) {
            stages.add(new Stage("encode_batch8_ms_per_image", "encode " + encoder.id() + ", " + cores
                    + " at once (per image)", median(() -> parallel(encoder, inputs, cores), inputs.size(), repeat)));
        }
        float[] feature = encoder.encode(inputs.get(0)).feature();
        stages.add(new Stage("decode_greedy_ms", "decode greedy",
                median(() -> service.decode(feature, DecodeOptions.greedy()), 1, repeat)));
        stages.add(new Stage("decode_beam3_ms", "decode beam 3",
                median(() -> service.decode(feature, DecodeOptions.beam(3, 1)), 1, repeat)));
        stages.add(new Stage("decode_beam7_ms", "decode beam 7",
                median(() -> service.decode(feature, DecodeOptions.beam(7, 1)), 1, repeat)));
        List<Path> largeFiles = Images.collect(List.of(largeDir)).images();
        List<Path> ten = largeFiles.subList(0, Math.min(10, largeFiles.size()));
        stages.add(new Stage("jpeg_decode_resize_large_ms", "read + squash a 1024×768 JPEG to 224×224",
                median(() -> {
                    for (Path p : ten) {
                        ImageResizer.squash(loader.load(p), MobileNetV2Encoder.INPUT_SIZE, MobileNetV2Encoder.INPUT_SIZE);
                    }
                }, ten.size(), Math.max(3, repeat / 4))));
        if (vgg16Images > 0) {
            progress.accept("VGG16 (random weights)");
            try (Vgg16Encoder vgg = Vgg16Encoder.randomlyInitialised(42)) {
                stages.add(new Stage("vgg16_batch1_ms", "encode vgg16 (DL4J, random weights), one image",
                        median(() -> vgg.encode(inputs.get(0)), 1, vgg16Images)));
            }
        }
        return stages;
    }

    private static void parallel(ImageEncoder encoder, List<BufferedImage> images, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (BufferedImage image : images) {
                futures.add(pool.submit(() -> encoder.encode(image)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Median over {@code repeat} rounds (after one warm-up round) of the milliseconds per unit. */
    private static double median(Work work, int units, int repeat) throws IOException {
        work.run();
        double[] ms = new double[Math.max(1, repeat)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6 / units;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
