package org.captionlab.gui.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Thumbnails are decoded in the background, upright, bounded; bad files and stale requests are handled. */
class ThumbnailCacheTest {

    @TempDir
    Path dir;

    private ThumbnailCache cache;

    @BeforeAll
    static void toolkit() throws Exception {
        // The way TestFX starts it, so that the FX tests that run after this class find the toolkit as
        // they expect it.
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void exifOrientationSixGivesAnUprightThumbnail() throws Exception {
        // Stored landscape 320×160, EXIF says "rotate 90° clockwise": upright it is portrait 160×320.
        Path photo = ExifJpegs.withOrientation(fill(320, 160), 6, dir.resolve("phone.jpg"));
        cache = new ThumbnailCache(10, 160, 120, 1, Runnable::run);

        Thumbnail thumbnail = cache.get(photo);
        awaitDone(thumbnail);

        Image image = thumbnail.imageProperty().get();
        assertThat(thumbnail.errorProperty().get()).isNull();
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).as("width").isEqualTo(60);
        assertThat(image.getHeight()).as("height").isEqualTo(120);
    }

    @Test
    void withoutOrientationTheStoredShapeIsKept() throws Exception {
        Path photo = ExifJpegs.withOrientation(fill(320, 160), 1, dir.resolve("camera.jpg"));
        cache = new ThumbnailCache(10, 160, 120, 1, Runnable::run);

        Thumbnail thumbnail = cache.get(photo);
        awaitDone(thumbnail);

        assertThat(thumbnail.imageProperty().get().getWidth()).isEqualTo(160);
        assertThat(thumbnail.imageProperty().get().getHeight()).isEqualTo(80);
    }

    @Test
    void anUnreadablePhotoReportsWhyAndHasNoImage() throws Exception {
        Path photo = Files.writeString(dir.resolve("broken.jpg"), "not a jpeg at all");
        cache = new ThumbnailCache(10, 160, 120, 1, Runnable::run);

        Thumbnail thumbnail = cache.get(photo);
        awaitDone(thumbnail);

        assertThat(thumbnail.imageProperty().get()).isNull();
        assertThat(thumbnail.errorProperty().get()).contains("broken.jpg");
    }

    @Test
    void theSamePhotoIsDecodedOnceAndTheCacheIsBounded() throws Exception {
        cache = new ThumbnailCache(2, 160, 120, 1, Runnable::run);
        Path a = ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("a.jpg"));
        Path b = ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("b.jpg"));
        Path c = ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("c.jpg"));

        Thumbnail first = cache.get(a);
        assertThat(cache.get(a)).isSameAs(first);
        cache.get(b);
        cache.get(c);

        assertThat(cache.size()).isEqualTo(2);
        awaitDone(cache.get(c));
    }

    @Test
    void releasedRequestsThatAreStillQueuedAreDropped() throws Exception {
        // One decoding thread, blocked on the UI hand-over of the first photo: later requests queue up.
        CountDownLatch uiBlocked = new CountDownLatch(1);
        CountDownLatch firstDelivered = new CountDownLatch(1);
        CountDownLatch decoding = new CountDownLatch(1);
        cache = new ThumbnailCache(10, 160, 120, 1, r -> {
            decoding.countDown();
            try {
                uiBlocked.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
            firstDelivered.countDown();
        });
        Thumbnail first = cache.get(ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("first.jpg")));
        assertThat(decoding.await(10, TimeUnit.SECONDS)).as("first photo decoded").isTrue();
        Thumbnail scrolledAway = cache.get(ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("away.jpg")));
        Thumbnail visible = cache.get(ExifJpegs.withOrientation(fill(40, 30), 1, dir.resolve("visible.jpg")));

        cache.release(scrolledAway);
        assertThat(cache.queued()).as("queued after the release").isEqualTo(1);
        uiBlocked.countDown();
        awaitDone(first);
        awaitDone(visible);

        assertThat(scrolledAway.isDone()).as("a released thumbnail is never decoded").isFalse();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(firstDelivered.getCount()).isZero();
    }

    private static BufferedImage fill(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 2, h / 2);
        g.dispose();
        return img;
    }

    private static void awaitDone(Thumbnail thumbnail) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!thumbnail.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thumbnail.isDone()).as("thumbnail of " + thumbnail.path() + " done within 10 s").isTrue();
    }
}
