package org.captionlab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for long commands: the first signal asks the work to stop (polled between images or
 * batches), and the JVM waits up to {@link #GRACE_SECONDS} for the command to finish cleanly (close
 * the feature cache, leave the last checkpoint intact) before it exits.
 */
final class Interruption implements AutoCloseable {

    static final int GRACE_SECONDS = 20;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interruption(String name) {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once the user asked to stop. */
    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running and has just been released
        }
    }
}
