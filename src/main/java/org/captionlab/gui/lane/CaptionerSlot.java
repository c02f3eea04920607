package org.captionlab.gui.lane;

import java.util.concurrent.locks.ReentrantLock;
import org.captionlab.service.Captioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the open {@link Captioner} and makes sure it is used by one thread at a time and closed exactly
 * once, never while a worker is inside it (closing a TFLite interpreter mid-inference crashes the JVM).
 * {@link #close()} never waits: when a worker holds the captioner, the worker closes it on its way out.
 */
public final class CaptionerSlot {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionerSlot.class);

    /** Work done with the captioner. */
    @FunctionalInterface
    public interface Use<T> {
        T apply(Captioner captioner) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closeRequested;
    private Captioner current;

    /**
     * Runs {@code use} with the current captioner under the lock.
     *
     * @throws IllegalStateException when no model is loaded or the slot was closed
     */
    public <T> T use(Use<T> use) throws Exception {
        lock.lock();
        try {
            if (closeRequested || current == null) {
                throw new IllegalStateException("no caption model is loaded");
            }
            return use.apply(current);
        } finally {
            lock.unlock();
            closeIfRequested();
        }
    }

    /** Installs a newly opened captioner and closes the previous one (both on the calling worker thread). */
    public void replace(Captioner next) {
        Captioner old;
        lock.lock();
        try {
            if (closeRequested) {
                closeQuietly(next);
                return;
            }
            old = current;
            current = next;
        } finally {
            lock.unlock();
        }
        if (old != null && old != next) {
            closeQuietly(old);
        }
    }

    /**
     * Closes and forgets the current captioner, waiting for a worker that uses it: call on a worker thread.
     * Unlike {@link #close()} the slot stays usable for a later {@link #replace}.
     */
    public void clear() {
        Captioner old;
        lock.lock();
        try {
            old = current;
            current = null;
        } finally {
            lock.unlock();
        }
        if (old != null) {
            closeQuietly(old);
        }
    }

    /** Closes the captioner now if no worker uses it, else as soon as the worker is done. */
    public void close() {
        closeRequested = true;
        closeIfRequested();
    }

    /**
     * Whoever releases the lock last after the flag is set sees the flag and closes: a worker that
     * checked before {@link #close()} set it has already unlocked, so the closing thread's tryLock wins.
     */
    private void closeIfRequested() {
        if (closeRequested && lock.tryLock()) {
            try {
                if (current != null) {
                    closeQuietly(current);
                    current = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static void closeQuietly(Captioner c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the caption model failed", e);
        }
    }
}
