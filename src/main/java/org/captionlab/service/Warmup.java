package org.captionlab.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.image.ImageLoader;
import org.captionlab.model.CellType;
import org.captionlab.model.DecoderConfig;
import org.captionlab.model.Manifest;
import org.captionlab.model.RecurrentCaptionModel;
import org.captionlab.search.CaptionSearch;
import org.captionlab.search.Constraint;
import org.captionlab.search.DecodeOptions;
import org.captionlab.text.Vocabulary;
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

    /** Words and searches of the JIT warm-up: enough to load the search classes and have the hot loops compiled (about a tenth of a second on this 2-core machine). */
    private static final int WARMUP_WORDS = 60;
    private static final int WARMUP_SEARCHES = 30;

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

    /**
     * Runs beam searches, plain and constrained, on a small random decoder, so that the JIT compiler has compiled the
     * decoding code (the recurrent step's loops, the searches' bookkeeping) before the first real caption: run
     * interpreted, the first search of the shipped model takes a third of a second, a tenth once compiled. The
     * compiled code computes exactly what the interpreter does (Java's floating point is strict).
     */
    private static void decoding() {
        Map<String, Integer> words = new LinkedHashMap<>();
        for (int i = 0; i < WARMUP_WORDS; i++) {
            words.put("w" + i, 1);
        }
        Vocabulary vocabulary = Vocabulary.build(words, 1);
        RecurrentCaptionModel model = RecurrentCaptionModel.random(
                new DecoderConfig(CellType.RNN, 32, vocabulary.size(), 16, 48, 0), vocabulary, 1);
        List<Constraint> constraints = List.of(Constraint.of("w", List.of("w7", "w9"), vocabulary));
        float[] feature = new float[32];
        for (int i = 0; i < WARMUP_SEARCHES; i++) {
            feature[i % feature.length] += 0.25f;
            CaptionSearch.decode(model, feature, DecodeOptions.beam(3, 3));
            CaptionSearch.decode(model, feature, DecodeOptions.beam(3, 3), constraints);
        }
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
            decoding();
            long t5 = System.nanoTime();
            log.debug("warm-up: manifest reader {} ms, TFLite {} ms, image stack {} ms, label words {} ms, decoding {} ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000,
                    (t5 - t4) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(Warmup.class).debug("warm-up failed", e);
        }
    }
}
