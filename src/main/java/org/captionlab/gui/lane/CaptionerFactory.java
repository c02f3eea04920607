package org.captionlab.gui.lane;

import java.io.IOException;
import java.nio.file.Path;
import org.captionlab.service.Captioner;
import org.captionlab.util.ProgressListener;

/**
 * Opens a caption model bundle. The app passes the service's factory; tests pass fakes (a lambda for
 * {@link #open(Path)} is enough). Called on a worker thread; may take seconds, or minutes when the
 * encoder weights have to be downloaded first.
 */
@FunctionalInterface
public interface CaptionerFactory {

    /**
     * @throws IOException with one sentence naming the file and what is wrong (bad manifest, missing
     *                     encoder weights, …)
     */
    Captioner open(Path modelDir) throws IOException;

    /**
     * As {@link #open(Path)}, reporting the progress of slow preparation (the download of encoder weights,
     * in bytes) on the calling worker thread. The default ignores {@code progress}.
     */
    default Captioner open(Path modelDir, ProgressListener progress) throws IOException {
        return open(modelDir);
    }

    /** A factory from a function that reports progress (the app's: the captioning service). */
    static CaptionerFactory reporting(Reporting opener) {
        return new CaptionerFactory() {
            @Override
            public Captioner open(Path modelDir) throws IOException {
                return opener.open(modelDir, ProgressListener.NONE);
            }

            @Override
            public Captioner open(Path modelDir, ProgressListener progress) throws IOException {
                return opener.open(modelDir, progress);
            }
        };
    }

    /** Opens a model bundle reporting progress; see {@link #open(Path, ProgressListener)}. */
    @FunctionalInterface
    interface Reporting {
        Captioner open(Path modelDir, ProgressListener progress) throws IOException;
    }
}
