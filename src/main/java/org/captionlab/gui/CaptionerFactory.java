package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Path;
import org.captionlab.service.Captioner;

/**
 * Opens a caption model bundle. The app passes the service's factory; tests pass fakes. Called on a
 * worker thread; may take seconds.
 */
@FunctionalInterface
public interface CaptionerFactory {

    /**
     * @throws IOException with one sentence naming the file and what is wrong (bad manifest, missing
     *                     encoder weights, …)
     */
    Captioner open(Path modelDir) throws IOException;
}
