package org.captionlab.gui;

import java.nio.file.Path;
import org.captionlab.gui.lane.ModelLane;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notices;
import org.captionlab.image.ImageLoadException;
import org.captionlab.service.EncoderFiles;
import org.captionlab.service.EncoderUnavailableException;
import org.captionlab.service.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sentences the lanes show: what a lane's model is called, ready and failure texts. */
final class LaneTexts {

    private static final Logger LOG = LoggerFactory.getLogger(LaneTexts.class);

    private LaneTexts() {
    }

    /** "caption model", "comparison model", "model 'guided'". */
    static String noun(LaneId lane) {
        return lane.equals(LaneId.MAIN) ? "caption model" : lane.equals(LaneId.COMPARE) ? "comparison model"
                : lane.equals(LaneId.UNGUIDED) ? "unguided model" : "model '" + lane + "'";
    }

    /** "Model 'default' ready (mobilenet-v2, rnn, 2,541 words)". */
    static String ready(ModelInfo info) {
        return "Model '" + info.name() + "' ready (" + info.encoderId() + ", " + info.cell() + ", "
                + Formats.count(info.vocabularySize()) + " words)";
    }

    /** Logs a failed load and tells the user in one sentence that names the folder. */
    static void loadFailed(Notices notices, ModelLane lane, Path dir, Throwable error) {
        String noun = noun(lane.id());
        LOG.warn("Could not load the {} from '{}'", noun, dir, error);
        String reason = Formats.reason(error);
        notices.error(reason.contains(dir.toString()) || reason.contains(Formats.nameOf(dir))
                ? "Could not load the " + noun + ": " + reason
                : "Could not load the " + noun + " '" + dir + "': " + reason);
    }

    /** The encoder failure somewhere in {@code error}'s causes, or null. */
    static EncoderUnavailableException encoderUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EncoderUnavailableException e) {
                return e;
            }
        }
        return null;
    }

    /**
     * The model loaded but its encoder did not: one short sentence saying what is missing and what to do
     * (the details, such as the URL to fetch the file from, are in the log).
     */
    static void encoderFailed(Notices notices, ModelLane lane, EncoderUnavailableException e) {
        LOG.warn("The {} '{}' loaded but its encoder could not be opened", noun(lane.id()), e.modelDirectory(), e);
        notices.error(e.missing()
                ? "The encoder weights (" + EncoderFiles.MODEL_FILE + ") are missing and could not be downloaded: "
                        + "choose File → Locate encoder weights… to pick the file."
                : "The encoder weights could not be used (" + Formats.reason(e) + "): choose File → Locate encoder weights….");
    }

    /** The status bar while the main model waits for its encoder. */
    static String waitingForEncoder(EncoderUnavailableException e) {
        return "Model '" + e.modelName() + "' needs its encoder weights (File → Locate encoder weights…)";
    }

    /** One sentence naming the file: image errors already do; others get the file name in front. */
    static String failure(PhotoItem item, Throwable error) {
        String reason = Formats.reason(error);
        if (error instanceof ImageLoadException || reason.contains(item.fileName())) {
            return reason;
        }
        return "image '" + item.path() + "': " + reason;
    }
}
