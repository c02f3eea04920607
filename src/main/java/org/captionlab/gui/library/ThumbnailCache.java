package org.captionlab.gui.library;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.captionlab.image.ImageLoadException;
import org.captionlab.service.Images;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thumbnails by path, bounded LRU, decoded in the background by {@link Images#preview} (so EXIF orientation,
 * CMYK and 16-bit photos look as in any viewer, which JavaFX's own decoder does not do) and scaled to the
 * bounding box, so a 12-megapixel photo costs 160×120 pixels of memory once loaded.
 *
 * <p>The grid stays smooth during a fast scroll through 10,000 photos: decoding never runs on the FX
 * thread; a small pool does it, newest request first (the cells now on screen); a thumbnail that a cell
 * {@linkplain #release releases} or that falls out of the cache before it is decoded is cancelled and
 * removed from the queue, so no useless decodes pile up. {@link #get} is FX-thread confined.
 */
public final class ThumbnailCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int width;
    private final int height;
    private final Executor ui;
    private final ThreadPoolExecutor pool;
    private final Map<Path, Entry> entries;

    private record Entry(Thumbnail thumbnail, FutureTask<Void> task) {
    }

    /**
     * A cache whose results are delivered on the JavaFX thread, decoding on up to {@code cores - 1}
     * (at most 3) threads.
     *
     * @param capacity thumbnails kept (a few screens' worth)
     * @param width    bounding box width in pixels
     * @param height   bounding box height in pixels
     */
    public ThumbnailCache(int capacity, double width, double height) {
        this(capacity, width, height, Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1)),
                Platform::runLater);
    }

    /**
     * @param threads decoding threads
     * @param ui      runs the hand-over of a finished thumbnail on the UI thread
     */
    public ThumbnailCache(int capacity, double width, double height, int threads, Executor ui) {
        if (capacity < 1 || width < 1 || height < 1 || threads < 1) {
            throw new IllegalArgumentException("capacity, size and threads must be positive, were " + capacity + ", "
                    + width + "×" + height + ", " + threads);
        }
        this.width = (int) Math.round(width);
        this.height = (int) Math.round(height);
        this.ui = ui;
        // LIFO: the most recently requested thumbnails are the ones on screen now.
        BlockingQueue<Runnable> newestFirst = new LinkedBlockingDeque<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS, newestFirst, r -> {
            Thread t = new Thread(r, "captionlab-thumbnails-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        // Idle pools (a closed window, a test's view) do not keep threads around.
        this.pool.allowCoreThreadTimeOut(true);
        this.entries = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                if (size() > capacity) {
                    cancel(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The thumbnail, loading in the background if it is new. */
    public Thumbnail get(Path photo) {
        Entry entry = entries.get(photo);
        if (entry == null) {
            entry = load(photo);
            entries.put(photo, entry);
        }
        return entry.thumbnail();
    }

    /** Drops a thumbnail that is no longer shown and not finished, so its decode does not run. */
    public void release(Thumbnail thumbnail) {
        if (thumbnail == null || thumbnail.isDone()) {
            return;
        }
        Entry entry = entries.get(thumbnail.path());
        if (entry != null && entry.thumbnail() == thumbnail) {
            entries.remove(thumbnail.path());
            cancel(entry);
        }
    }

    public int size() {
        return entries.size();
    }

    /** Decodes waiting in the queue (for tests and the benchmark). */
    int queued() {
        return pool.getQueue().size();
    }

    /** Stops decoding; thumbnails already shown stay valid. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private Entry load(Path photo) {
        Thumbnail thumbnail = new Thumbnail(photo);
        FutureTask<Void> task = new FutureTask<>(() -> decode(thumbnail), null);
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Thumbnail for {} not loaded: cache closed", photo);
        }
        return new Entry(thumbnail, task);
    }

    /** Runs on a decoding thread; hands the result, or why there is none, to the UI thread. */
    private void decode(Thumbnail thumbnail) {
        Path photo = thumbnail.path();
        Image image;
        try {
            BufferedImage picture = Images.preview(photo, width, height);
            image = SwingFXUtils.toFXImage(picture, null);
        } catch (ImageLoadException e) {
            LOG.debug("No thumbnail for {}: {}", photo, e.getMessage());
            ui.execute(() -> thumbnail.failed(e.getMessage()));
            return;
        } catch (RuntimeException | OutOfMemoryError e) { // NOPMD: a bad photo must show a placeholder, not a blank
            LOG.warn("No thumbnail for {}", photo, e);
            String message = "Cannot show " + photo.getFileName() + ": " + e;
            ui.execute(() -> thumbnail.failed(message));
            return;
        }
        ui.execute(() -> thumbnail.loaded(image));
    }

    private void cancel(Entry entry) {
        if (!entry.task().isDone()) {
            entry.task().cancel(false);
            pool.remove(entry.task());
        }
    }
}
