package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Settings;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --encoder-weights}, shared by the commands that caption. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR", description = "Model bundle folder. Default: models/default (or CAPTIONLAB_MODEL). Repeat it to decode with an ensemble of models sharing vocabulary and encoder (averaged log-probabilities).")
    List<Path> model;

    @Option(names = "--encoder-weights", paramLabel = "PATH", description = "Encoder weights file. Default: CAPTIONLAB_ENCODER_WEIGHTS, then the user cache"
            + " (encoders in ~/.captionlab), then beside the installation, then a download.")
    Path encoderWeights;

    @Option(names = "--unverified-weights", description = "Use encoder weights whose SHA-256 is not the one the model "
            + "was trained with (they are still checked by TFLite's FlatBuffer verifier before use). Off by default: such "
            + "weights are refused, since damaged weights can crash the native library.")
    boolean unverifiedWeights;

    /** Opens the service, showing download progress on {@code err} if the encoder weights must be fetched. */
    CaptioningService openService(PrintWriter err) throws IOException {
        Settings settings = Settings.fromEnvironment();
        List<Path> dirs = model != null && !model.isEmpty() ? model : List.of(settings.defaultModel());
        return CaptioningService.open(settings, dirs, encoderWeights, new ConsoleProgress(err, "downloading encoder weights", "bytes"),
                unverifiedWeights);
    }
}
