package org.captionlab.gui.physical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.captionlab.image.ImageLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Physical layer view headless (Monocle): a real photo, a slow stand-in captioner on a worker
 * thread. Moving the blur slider to its end changes the caption while the window keeps answering;
 * writes target/screenshots/physical-layer.png.
 */
@ExtendWith(ApplicationExtension.class)
class PhysicalLayerViewFxTest {

    /** Slower than any encoder: were it run on the FX thread, the pings below would wait for it. */
    private final SharpnessCaptioner captioner = new SharpnessCaptioner(0);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "physical-test-worker");
        t.setDaemon(true);
        return t;
    });
    private PhysicalLayerViewModel vm;
    private Scene scene;

    @Start
    void start(Stage stage) {
        ImageLoader loader = new ImageLoader();
        vm = new PhysicalLayerViewModel(captioner, p -> {
            try {
                return loader.load(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, worker, Platform::runLater);
        scene = new Scene((javafx.scene.Parent) new PhysicalLayerView(vm).node(), 1100, 720);
        stage.setScene(scene);
        stage.setWidth(1100);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    @Test
    void movingTheBlurSliderChangesTheCaptionAndTheWindowStaysResponsive(FxRobot robot) throws Exception {
        // a sharp real photo: the sample dog (vertical bicycle spokes, fence)
        fx(() -> {
            vm.photoProperty().set(Path.of("sample-images", "dog.jpg"));
            return null;
        });
        Label caption = robot.lookup("#physical-caption").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> SharpnessCaptioner.SHARP.equals(caption.getText()));

        captioner.delayMillis = 1_500;
        Slider blur = robot.lookup("#slider-defocus-radius").queryAs(Slider.class);
        robot.clickOn(blur);          // jumps towards the click
        robot.type(KeyCode.END);      // and to the end of the range: 8 px
        assertThat(blur.getValue()).isEqualTo(blur.getMax());

        // while the slow captioner works, the FX thread still answers within a frame or two
        long worst = 0;
        for (int i = 0; i < 10 && vm.busyProperty().get(); i++) {
            long t0 = System.nanoTime();
            CountDownLatch ping = new CountDownLatch(1);
            Platform.runLater(ping::countDown);
            assertThat(ping.await(2, TimeUnit.SECONDS)).isTrue();
            worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(20);
        }
        // (generous for a loaded CI machine; a blocked thread would wait 1.5 s)
        assertThat(worst).as("FX thread latency while captioning (ms)").isLessThan(600);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> SharpnessCaptioner.BLURRY.equals(caption.getText()));
        assertThat(fx(() -> vm.knob("defocus.radius").get())).isEqualTo(8.0);
        assertThat(fx(() -> vm.labels().get(0))).startsWith("stone wall");

        captioner.delayMillis = 0;
        robot.clickOn("#physical-sweep");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.sweep().size() == PhysicalLayerViewModel.SWEEP_POINTS);
        WaitForAsyncUtils.waitForFxEvents();

        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = dir.resolve("physical-layer.png");
        WritableImage image = fx(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        assertThat(file).isNotEmptyFile();
    }
}
