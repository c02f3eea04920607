package org.captionlab.cli;

import java.util.Locale;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Decoding options shared by {@code caption}, {@code evaluate} and {@code bench}. Unset options
 * take the model's recommended defaults from its manifest. Values out of range are usage errors (exit
 * code 2) naming the option and the allowed range, found while the command line is parsed, before any
 * model is loaded; {@code --alternatives} against the beam width (which may be the model's) is checked
 * by {@link #resolve}.
 */
final class DecodingOptions {

    /** Largest {@code --beam} (and {@code --alternatives}). */
    static final int MAX_BEAM = 100;
    /** Largest {@code --max-length}. */
    static final int MAX_LENGTH = 200;
    /** Largest {@code --length-alpha}. */
    static final double MAX_LENGTH_ALPHA = 10.0;
    /** Largest {@code --block-repeat}. */
    static final int MAX_BLOCK_REPEAT = 10;
    /** Largest {@code --temperature}. */
    static final double MAX_TEMPERATURE = 100.0;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Spec
    CommandSpec self;

    Integer beam;
    Integer alternatives;
    Integer maxLength;
    Double lengthAlpha;
    Integer blockRepeat;

    @Option(names = "--greedy", description = "Greedy decoding.")
    boolean greedy;

    Double temperature;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed for sampling (default ${DEFAULT-VALUE}).",
            defaultValue = "" + DecodeOptions.DEFAULT_SAMPLING_SEED)
    long seed;

    @Option(names = "--beam", paramLabel = "K", description = "Beam width, 1 to " + MAX_BEAM + " (1 = greedy). Default: the model's.")
    void beam(int k) {
        beam = inRange("--beam", k, 1, MAX_BEAM);
    }

    @Option(names = "--alternatives", paramLabel = "N", description = "Number of best captions to return, 1 to the beam width. Default: min(3, beam).")
    void alternatives(int n) {
        alternatives = inRange("--alternatives", n, 1, MAX_BEAM);
    }

    @Option(names = "--max-length", paramLabel = "L", description = "Maximum caption length in words, 1 to " + MAX_LENGTH + ". Default: the model's.")
    void maxLength(int l) {
        maxLength = inRange("--max-length", l, 1, MAX_LENGTH);
    }

    @Option(names = "--length-alpha", paramLabel = "A", description = "Length normalisation: score = logp / len^A, A from 0 to 10. Default: the model's.")
    void lengthAlpha(double a) {
        if (!(a >= 0 && a <= MAX_LENGTH_ALPHA)) {
            throw usage("--length-alpha must be between 0 and " + fmt(MAX_LENGTH_ALPHA) + " (0 = no length normalisation), not " + fmt(a));
        }
        lengthAlpha = a;
    }

    @Option(names = "--block-repeat", paramLabel = "N", description = "Forbid repeating any n-gram of size N, 0 to " + MAX_BLOCK_REPEAT + " (0 = off). Default: the model's.")
    void blockRepeat(int n) {
        blockRepeat = inRange("--block-repeat", n, 0, MAX_BLOCK_REPEAT);
    }

    @Option(names = "--temperature", paramLabel = "T", description = "Sample with this softmax temperature (above 0, at most 100; e.g. 0.8) instead of searching.")
    void temperature(double t) {
        if (!(t > 0 && t <= MAX_TEMPERATURE)) {
            throw usage("--temperature must be above 0 and at most " + fmt(MAX_TEMPERATURE) + " (e.g. 0.8), not " + fmt(t));
        }
        temperature = t;
    }

    private int inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usage(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private ParameterException usage(String sentence) {
        CommandLine cl = mixee != null && mixee.commandLine() != null ? mixee.commandLine() : self.commandLine();
        return new ParameterException(cl, sentence);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
    }

    /**
     * The options to decode with, starting from the model's defaults.
     *
     * @throws ParameterException when {@code --alternatives} asks for more captions than the beam keeps
     */
    DecodeOptions resolve(DecodeOptions modelDefaults) {
        int maxLen = maxLength != null ? maxLength : modelDefaults.maxLength();
        double alpha = lengthAlpha != null ? lengthAlpha : modelDefaults.lengthAlpha();
        int block = blockRepeat != null ? blockRepeat : modelDefaults.blockRepeatNgram();
        if (temperature != null) {
            int samples = alternatives != null ? alternatives : 1;
            return new DecodeOptions(Strategy.SAMPLE, 1, samples, maxLen, 0.0, block, temperature, seed);
        }
        if (greedy || (beam != null && beam == 1)) {
            return new DecodeOptions(Strategy.GREEDY, 1, 1, maxLen, alpha, block, 1.0, seed);
        }
        int width = beam != null ? beam : modelDefaults.beamWidth();
        if (alternatives != null && alternatives > width) {
            throw usage("--alternatives " + alternatives + " is more than the beam keeps: give at most --alternatives " + width
                    + (beam != null ? "" : " (the model's beam width)") + ", or a --beam of at least " + alternatives);
        }
        int alts = alternatives != null ? alternatives : Math.min(Manifest.Decoding.DEFAULT_ALTERNATIVES, width);
        if (width == 1) {
            return new DecodeOptions(Strategy.GREEDY, 1, 1, maxLen, alpha, block, 1.0, seed);
        }
        return new DecodeOptions(Strategy.BEAM, width, alts, maxLen, alpha, block, 1.0, seed);
    }
}
