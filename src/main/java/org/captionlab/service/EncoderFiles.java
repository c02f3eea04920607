package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import org.captionlab.encoder.EncoderWeights;

/** The encoder weights as the app offers them to the user: their file name, and installing a located file. */
public final class EncoderFiles {

    /** The file name of the MobileNetV2 weights the shipped models use. */
    public static final String MODEL_FILE = EncoderWeights.MODEL_FILE;

    private EncoderFiles() {
    }

    /**
     * Copies a weights file the user located (and the label list beside it) into the user cache of
     * {@code settings}, where every later start finds it.
     *
     * @throws IOException with one sentence for the user if it is not the right file or cannot be copied
     */
    public static Path install(Settings settings, Path chosen) throws IOException {
        return EncoderWeights.install(chosen, EncoderWeights.Environment.system(settings.home()));
    }
}
