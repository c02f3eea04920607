package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.captionlab.SharedAssets;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.task.PooledTaskExecutor;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Settings;

/**
 * Measures the acceptance point "opening a folder of 1,000 photos: the first thumbnails appear within a
 * second, and captioning them all runs with visible progress while the window stays responsive" on the
 * real main window, headless (Monocle, software rendering, as the FX tests run). Not a test: timings
 * depend on the machine, so it prints numbers for a person to read.
 *
 * <p>It links (or copies) N photos of {@code ../shared/flickr8k/images} into a temporary folder, opens the
 * main window, waits for the model, calls {@link MainViewModel#addPaths} for the folder and prints:
 * <ul>
 *   <li>the time until the first grid tile shows its thumbnail, and until all N photos are in the grid;
 *   <li>the captioning time and rate (from the batch progress properties);
 *   <li>the FX thread's responsiveness during the batch: a {@code Platform.runLater} ping every 50 ms,
 *       its latency's median, 99th percentile and maximum.
 * </ul>
 *
 * <p>Run from the project root (the first command once):
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Dcaptionlab.home=target/bench-home -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.captionlab.gui.GuiOpenFolderBenchmark \
 *     [--photos 1000] [--real | --fake-ms 20] [--model models/default]
 * </pre>
 * {@code --real} captions with the model bundle and the real MobileNetV2 encoder from
 * {@code ../shared/encoders}; by default a fake captioner that sleeps {@code --fake-ms} per photo stands
 * in, to measure the GUI alone.
 */
public final class GuiOpenFolderBenchmark {

    private static final long PING_MS = 50;

    private GuiOpenFolderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        headless();
        int n = Integer.parseInt(option(args, "--photos", "1000"));
        boolean real = List.of(args).contains("--real");
        long fakeMs = Long.parseLong(option(args, "--fake-ms", "20"));
        Path model = Path.of(option(args, "--model", "models/default"));

        Path folder = photoFolder(n);
        Path state = Files.createTempDirectory("captionlab-bench-state");
        CaptionerFactory factory;
        if (real) {
            Path weights = SharedAssets.mobileNetWeights();
            factory = CaptionerFactory.reporting((dir, progress) ->
                    CaptioningService.open(Settings.fromEnvironment(), dir, weights, progress));
        } else {
            FakeCaptioner fake = new FakeCaptioner();
            fake.beforeEncode = p -> sleep(fakeMs);
            factory = dir -> fake;
        }
        System.out.printf(Locale.ROOT, "%d photos in %s; captioner: %s%n", n, folder,
                real ? "real (" + model + ", MobileNetV2)" : "fake, " + fakeMs + " ms per photo");

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        PooledTaskExecutor executor = PooledTaskExecutor.forJavaFx(2);
        MainViewModel vm = onFx(() -> {
            MainViewModel m = new MainViewModel(factory, executor, new FakeFileDialogs(), new FakeClipboard(), state);
            Stage stage = new Stage();
            stage.setScene(new Scene(MainView.create(m), 1280, 800));
            stage.show();
            return m;
        });

        long loadStart = System.nanoTime();
        CountDownLatch ready = new CountDownLatch(1);
        onFx(() -> {
            vm.modelStateProperty().addListener((o, a, s) -> {
                if (s == ModelState.READY || s == ModelState.FAILED) {
                    ready.countDown();
                }
            });
            vm.loadModel(model);
            return null;
        });
        ready.await();
        if (onFx(() -> vm.modelStateProperty().get()) != ModelState.READY) {
            System.out.println("The model did not load: " + onFx(() -> vm.modelStatusProperty().get()));
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "model ready after %.0f ms%n", ms(System.nanoTime() - loadStart));

        // What the FX thread sees, checked every pulse.
        long[] firstThumbnail = {-1};
        long[] allInGrid = {-1};
        long[] batchStart = {-1};
        long[] batchEnd = {-1};
        CountDownLatch finished = new CountDownLatch(1);
        // {sent after addPaths, latency}, in nanoseconds
        List<long[]> pings = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ping");
            t.setDaemon(true);
            return t;
        });

        long t0 = System.nanoTime();
        onFx(() -> {
            Scene scene = Stage.getWindows().get(0).getScene();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (firstThumbnail[0] < 0 && anyThumbnail(scene)) {
                        firstThumbnail[0] = t;
                    }
                    if (allInGrid[0] < 0 && vm.items().size() >= n) {
                        allInGrid[0] = t;
                    }
                    if (batchStart[0] < 0 && vm.batch().isRunning()) {
                        batchStart[0] = t;
                    }
                    if (batchEnd[0] < 0 && allInGrid[0] >= 0 && vm.batch().doneProperty().get() >= n) {
                        batchEnd[0] = t;
                    }
                    if (firstThumbnail[0] >= 0 && batchEnd[0] >= 0) {
                        stop();
                        finished.countDown();
                    }
                }
            }.start();
            vm.addPaths(List.of(folder));
            return null;
        });
        pinger.scheduleAtFixedRate(() -> {
            long sent = System.nanoTime();
            Platform.runLater(() -> pings.add(new long[] {sent - t0, System.nanoTime() - sent}));
        }, 0, PING_MS, TimeUnit.MILLISECONDS);

        boolean done = finished.await(Math.max(120, n * (real ? 2L : 1L)), TimeUnit.SECONDS);
        pinger.shutdownNow();
        int failed = onFx(() -> vm.batch().failedProperty().get());
        int captioned = onFx(() -> vm.batch().doneProperty().get());

        System.out.println(done ? "finished" : "TIMED OUT before all photos were captioned");
        System.out.printf(Locale.ROOT, "first thumbnail shown:   %8.0f ms after addPaths%n", msSince(t0, firstThumbnail[0]));
        System.out.printf(Locale.ROOT, "all %d photos in grid: %8.0f ms after addPaths%n", n, msSince(t0, allInGrid[0]));
        System.out.printf(Locale.ROOT, "captioning started:      %8.0f ms after addPaths%n", msSince(t0, batchStart[0]));
        double batchSeconds = (batchEnd[0] - batchStart[0]) / 1e9;
        System.out.printf(Locale.ROOT, "captioning %d photos (%d failed): %.1f s, %.1f photos/s (end %.0f ms after addPaths)%n",
                captioned, failed, batchSeconds, captioned / batchSeconds, msSince(t0, batchEnd[0]));
        List<long[]> all;
        synchronized (pings) {
            all = new ArrayList<>(pings);
        }
        List<Long> sorted = all.stream().map(p -> p[1]).sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "FX thread ping latency (%d pings every %d ms): median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    sorted.size(), PING_MS, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)),
                    ms(sorted.get(sorted.size() - 1)));
            // Where the stalls were: a slow first layout reads differently from stalls all through the batch.
            all.stream().filter(p -> p[1] > 100_000_000L).limit(10).forEach(p -> System.out.printf(Locale.ROOT,
                    "  stall: ping sent %.0f ms after addPaths waited %.0f ms%n", ms(p[0]), ms(p[1])));
        }
        onFx(() -> {
            vm.close();
            return null;
        });
        executor.close();
        Platform.exit();
        deleteFolder(folder);
        System.exit(done ? 0 : 2);
    }

    /** The system properties surefire sets for the FX tests, unless given on the command line. */
    private static void headless() {
        for (String[] p : new String[][] {{"testfx.robot", "glass"}, {"testfx.headless", "true"}, {"glass.platform", "Monocle"},
                {"monocle.platform", "Headless"}, {"prism.order", "sw"}, {"prism.text", "t2k"}}) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
    }

    /** N photos: symbolic links to the Flickr8k images (copies where links are not allowed), cycling. */
    private static Path photoFolder(int n) throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(SharedAssets.require("flickr8k/images"))) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
        }
        Path folder = Files.createTempDirectory("captionlab-bench-photos");
        for (int i = 0; i < n; i++) {
            Path source = sources.get(i % sources.size()).toAbsolutePath();
            Path target = folder.resolve(String.format(Locale.ROOT, "photo%05d.jpg", i));
            try {
                Files.createSymbolicLink(target, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, target);
            }
        }
        return folder;
    }

    /** Deletes the folder of links (never what they point to). */
    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }

    private static boolean anyThumbnail(Scene scene) {
        for (Node tile : scene.getRoot().lookupAll(".photo-tile")) {
            for (Node view : tile.lookupAll(".image-view")) {
                if (((ImageView) view).getImage() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double msSince(long t0, long t) {
        return t < 0 ? Double.NaN : ms(t - t0);
    }

    private static String option(String[] args, String name, String fallback) {
        String v = CaptionLabApp.option(List.of(args), name);
        return v == null ? fallback : v;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
