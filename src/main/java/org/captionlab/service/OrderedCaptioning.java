package org.captionlab.service;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;

/**
 * Captions a list of photos on several worker threads and hands the results back one by one in the order
 * of the list, so that output can be streamed in input order while reading, decoding, resizing, encoding
 * and searching of the next photos go on in parallel.
 *
 * <p>At most {@code 2 × workers} photos are in flight at once (memory stays flat however long the list);
 * a failed photo is an {@link Attempt} with its failure, and the others go on. With one worker, or an
 * encoder that is not thread-safe, photos are still read and decoded ahead of the encoder on the worker.
 * {@link #close()} cancels what has not been handed out.
 */
public final class OrderedCaptioning implements Iterator<OrderedCaptioning.Attempt>, AutoCloseable {

    /**
     * One photo's outcome: a result or the failure that stopped it (an {@link java.io.IOException}, a runtime
     * exception or an {@link OutOfMemoryError}), never both.
     */
    public record Attempt(Path image, ImageResult result, Throwable failure) {
        public Attempt {
            Objects.requireNonNull(image, "image");
            if ((result == null) == (failure == null)) {
                throw new IllegalArgumentException("an attempt has either a result or a failure");
            }
        }
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final CaptioningService service;
    private final DecodeOptions options;
    private final Manifest.Guide guide;
    private final List<Path> images;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<Attempt>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int handedOut;

    /**
     * Starts captioning {@code images} on {@code workers} threads.
     *
     * @param guide label guidance as {@link CaptioningService#caption(Path, DecodeOptions, Manifest.Guide)} takes it
     */
    public OrderedCaptioning(CaptioningService service, List<Path> images, DecodeOptions options, Manifest.Guide guide,
                             int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.service = Objects.requireNonNull(service, "service");
        this.images = List.copyOf(images);
        this.options = Objects.requireNonNull(options, "options");
        this.guide = guide;
        this.window = 2 * workers;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "caption-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, threads);
        fill();
    }

    /** Worker threads worth using for this service on this machine: one per core for a thread-safe encoder. */
    public static int defaultWorkers(CaptioningService service) {
        return service.encoder().threadSafe() ? Runtime.getRuntime().availableProcessors() : 2;
    }

    private void fill() {
        while (submitted < images.size() && inFlight.size() < window) {
            Path image = images.get(submitted++);
            inFlight.add(pool.submit(() -> attempt(image)));
        }
    }

    private Attempt attempt(Path image) {
        try {
            return new Attempt(image, service.caption(image, options, guide), null);
        } catch (Exception | OutOfMemoryError e) {
            return new Attempt(image, null, e);
        }
    }

    @Override
    public boolean hasNext() {
        return handedOut < images.size();
    }

    /** The next photo's attempt in list order, waiting for it if needed. */
    @Override
    public Attempt next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Future<Attempt> f = inFlight.poll();
        Path image = images.get(handedOut++);
        Attempt a;
        try {
            a = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = new Attempt(image, null, e);
        } catch (ExecutionException | CancellationException e) {
            a = new Attempt(image, null, e.getCause() != null ? e.getCause() : e);
        }
        fill();
        return a;
    }

    /** Photos handed out so far. */
    public int handedOut() {
        return handedOut;
    }

    @Override
    public void close() {
        for (Future<Attempt> f : inFlight) {
            f.cancel(false);
        }
        inFlight.clear();
        pool.shutdownNow();
    }
}
