package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the image loader with mutated JPEG and PNG files: every file either loads (with or
 * without warnings) or is refused with an {@link ImageLoadException} whose message is one line naming the
 * file; nothing else is thrown, nothing hangs.
 *
 * <p>The normal test run checks {@value #DEFAULT_COUNT} files. The full form (a few thousand) is the same
 * test with a count and, optionally, another seed:
 * {@code mvn -B -o test -Dtest=ImageFuzzTest -Dcaptionlab.fuzz.count=5000 -Dcaptionlab.fuzz.seed=1}
 * (limit per file {@code -Dcaptionlab.fuzz.limitMillis}, 2,000 by default; the summary is printed).
 */
class ImageFuzzTest {

    static final int DEFAULT_COUNT = 300;

    @TempDir
    Path dir;

    private static byte[] png(Path photo, int width) throws IOException {
        BufferedImage src = ImageIO.read(photo.toFile());
        BufferedImage small = ImageResizer.squash(ImageConversions.toIntRgb(src), width, width * src.getHeight() / src.getWidth());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "png", out);
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int kind = random.nextInt(7);
        switch (kind) {
            case 0 -> { // flip a few bytes
                int n = 1 + random.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> { // a run of random bytes
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(512));
                for (int i = at; i < at + len; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = java.util.Arrays.copyOf(b, 1 + random.nextInt(b.length - 1)); // truncated
            case 3 -> { // a chunk duplicated elsewhere
                int from = random.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + random.nextInt(2048));
                int to = random.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                b = out;
            }
            case 4 -> { // header bytes (sizes, markers, chunk lengths)
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b[random.nextInt(Math.min(b.length, 700))] = (byte) random.nextInt(256);
                }
            }
            case 5 -> { // a range zeroed or set to 0xFF
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(4096));
                java.util.Arrays.fill(b, at, at + len, random.nextBoolean() ? 0 : (byte) 0xFF);
            }
            default -> { // a range removed
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(1024));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                b = out.length == 0 ? new byte[] {0} : out;
            }
        }
        return b;
    }

    @Test
    void mutatedJpegsAndPngsLoadOrAreRefusedWithAMessageAndNeverHang() throws Exception {
        int count = Integer.getInteger("captionlab.fuzz.count", DEFAULT_COUNT);
        long seed = Long.getLong("captionlab.fuzz.seed", 20261128L);
        long limitMillis = Long.getLong("captionlab.fuzz.limitMillis", 2000L);
        List<byte[]> seeds = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        for (String jpeg : List.of("hot_dog.jpg", "owl.jpg")) {
            seeds.add(Files.readAllBytes(SharedAssets.photo(jpeg)));
            extensions.add("jpg");
        }
        seeds.add(Files.readAllBytes(SharedAssets.require("flickr8k/images/1000268201_693b08cb0e.jpg")));
        extensions.add("jpg");
        seeds.add(png(SharedAssets.photo("parrot.jpg"), 320));
        extensions.add("png");
        seeds.add(png(SharedAssets.photo("cat_720p.jpg"), 200));
        extensions.add("png");

        ImageLoader loader = new ImageLoader();
        List<BufferedImage> decodedSeeds = new ArrayList<>();
        for (int k = 0; k < seeds.size(); k++) {
            Path f = dir.resolve("seed-" + k + "." + extensions.get(k));
            Files.write(f, seeds.get(k));
            decodedSeeds.add(loader.read(f).image());
        }
        Map<String, List<Double>> psnrByWarning = new TreeMap<>();
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> warningKinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        String slowestFile = null;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < count; i++) {
                int s = random.nextInt(seeds.size());
                Path file = dir.resolve("fuzz-" + i + "." + extensions.get(s));
                Files.write(file, mutate(seeds.get(s), random));
                long start = System.nanoTime();
                Future<ImageLoader.Loaded> future = worker.submit(() -> loader.read(file));
                String outcome;
                try {
                    ImageLoader.Loaded loaded = future.get(limitMillis * 10, TimeUnit.MILLISECONDS);
                    outcome = loaded.warnings().isEmpty() ? "loaded" : "loaded with warnings";
                    double psnr = psnr(decodedSeeds.get(s), loaded.image());
                    for (String w : loaded.warnings()) {
                        String kind = w.replaceAll("[0-9]+", "#");
                        warningKinds.merge(kind, 1, Integer::sum);
                        psnrByWarning.computeIfAbsent(kind, k -> new ArrayList<>()).add(psnr);
                    }
                    if (loaded.warnings().isEmpty()) {
                        psnrByWarning.computeIfAbsent("(none)", k -> new ArrayList<>()).add(psnr);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof DamagedImageException d) {
                        outcome = "refused: damaged";
                        checkMessage(file, d, failures);
                    } else if (cause instanceof ImageLoadException l) {
                        outcome = "refused: other";
                        checkMessage(file, l, failures);
                    } else {
                        outcome = "FAILED: " + cause;
                        failures.add(file.getFileName() + ": " + cause);
                    }
                } catch (TimeoutException e) {
                    future.cancel(true);
                    outcome = "HUNG";
                    failures.add(file.getFileName() + ": no answer in " + limitMillis * 10 + " ms");
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (millis > slowest) {
                    slowest = millis;
                    slowestFile = file.getFileName().toString();
                }
                if (millis > limitMillis) {
                    failures.add(file.getFileName() + ": took " + millis + " ms");
                }
                outcomes.merge(outcome, 1, Integer::sum);
                Files.delete(file);
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "fuzz: %d files (seed %d): %s; slowest %d ms (%s); %d failures%n",
                count, seed, outcomes, slowest, slowestFile, failures.size());
        System.out.println("fuzz: warnings of the files loaded: " + warningKinds);
        psnrByWarning.forEach((k, v) -> System.out.printf(Locale.ROOT, "fuzz: PSNR against the original, %s: median %.1f dB, min %.1f (%d files)%n",
                k, v.stream().sorted().toList().get(v.size() / 2), v.stream().mapToDouble(d -> d).min().orElse(0), v.size()));
        assertThat(failures).isEmpty();
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    }

    /** PSNR in dB of {@code b} against {@code a} (0 when the sizes differ). */
    private static double psnr(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 0;
        }
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse);
    }

    private static void checkMessage(Path file, ImageLoadException e, List<String> failures) {
        String m = e.getMessage();
        if (m == null || !m.startsWith("image '" + file + "': ") || m.contains("\n")
                || m.length() <= ("image '" + file + "': ").length()) {
            failures.add(file.getFileName() + ": message '" + m + "'");
        }
    }
}
