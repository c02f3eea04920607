package org.captionlab.service;

import org.captionlab.encoder.ImageEncoders;
import org.captionlab.image.ImageLoader;
import org.captionlab.model.Manifest;
import org.captionlab.text.LabelWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start-up head start: one daemon thread loads, in the order captioning needs them, the parts of the first
 * caption that do not depend on the command line — logging, Jackson's manifest deserializers, TFLite's and JNA's
 * native libraries, the image stack, the label-guide table — while the main thread parses the command line and
 * reads the model. Nothing here changes what is computed: the same classes and tables are made once either way
 * (class initialisation is thread-safe; whichever thread comes second waits for the first), only sooner, on the
 * second core. Failures are left for the real use to report.
 */
public final class Warmup {

    private static volatile Thread started;

    private Warmup() {
    }

    /** Starts the thread (once per process); returns at once. */
    public static synchronized void start() {
        if (started != null) {
            return;
        }
        Thread t = new Thread(Warmup::run, "captionlab-warmup");
        t.setDaemon(true);
        started = t;
        t.start();
    }

    private static void run() {
        try {
            Logger log = LoggerFactory.getLogger(Warmup.class);
            long t0 = System.nanoTime();
            Manifest.preload();
            long t1 = System.nanoTime();
            ImageEncoders.preload();
            long t2 = System.nanoTime();
            ImageLoader.preload();
            long t3 = System.nanoTime();
            LabelWords.standard();
            long t4 = System.nanoTime();
            log.debug("warm-up: manifest reader {} ms, TFLite {} ms, image stack {} ms, label words {} ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(Warmup.class).debug("warm-up failed", e);
        }
    }
}
