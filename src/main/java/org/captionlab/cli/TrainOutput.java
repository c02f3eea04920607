package org.captionlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.captionlab.model.EpochStats;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code train} says about its output: the refusal to overwrite a model folder without
 * {@code --force}, and the readable line printed per epoch (the CSV row goes to the log file and to
 * {@code training-log.csv}).
 */
final class TrainOutput {

    private static final int NAMES_SHOWN = 4;

    private TrainOutput() {
    }

    /**
     * Refuses an {@code --out} folder that already holds files unless {@code --resume} (which continues
     * it) or {@code --force} (which overwrites it) is given, naming the folder and what is in it.
     *
     * @throws ParameterException a usage error, before any work starts
     */
    static void checkOut(CommandLine cl, Path out, boolean resume, boolean force) {
        if (Files.isRegularFile(out)) {
            throw new ParameterException(cl, "--out '" + out + "' is a file: name a folder for the model, e.g. --out models/mine");
        }
        if (resume || force || !Files.isDirectory(out)) {
            return;
        }
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        } catch (IOException e) {
            throw new ParameterException(cl, "--out '" + out + "' cannot be read (" + Errors.reason(e) + "): choose another folder");
        }
        if (names.isEmpty()) {
            return;
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
        String what = names.contains("manifest.json") ? "already holds a model" : "is not empty";
        throw new ParameterException(cl, "--out '" + out + "' " + what + " (" + shown + "): pass --force to overwrite it,"
                + " --resume to continue its training, or choose another folder");
    }

    /**
     * One epoch for people: "epoch 3/12  train loss 2.913  val loss 3.351 (perplexity 28.5)  BLEU-4 0.142
     * CIDEr-D 0.371  grad 1.23 (max 4.56)  radius 0.98  128 s  about 19 min left  (best, saved)".
     *
     * @param totalEpochs   the most epochs the run may take
     * @param secondsLeft   the estimated time left (epochs left × mean epoch time), negative when unknown
     */
    static String epochLine(EpochStats s, int totalEpochs, boolean best, double secondsLeft) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d  train loss %.3f  val loss %.3f (perplexity %.1f)  BLEU-4 %.3f  CIDEr-D %.3f"
                        + "  grad %.2f (max %.2f)  radius %.2f  %.0f s",
                s.epoch(), totalEpochs, s.trainLoss(), s.valLoss(), s.valPerplexity(), s.valBleu4(), s.valCiderD(),
                s.gradNormMean(), s.gradNormMax(), s.spectralRadius(), s.seconds()));
        if (s.epoch() < totalEpochs && secondsLeft >= 0) {
            sb.append("  about ").append(duration(secondsLeft)).append(" left");
        }
        if (best) {
            sb.append("  (best, saved)");
        }
        return sb.toString();
    }

    /** The time left: the mean epoch time so far × the epochs left (early stopping may end sooner). */
    static double secondsLeft(double secondsSoFar, int epochsDone, int epochsLeft) {
        return epochsDone <= 0 ? -1 : secondsSoFar / epochsDone * Math.max(0, epochsLeft);
    }

    /** "42 s", "3 min", "1 h 05 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return s + " s";
        }
        long min = Math.round(seconds / 60);
        return min < 60 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }
}
