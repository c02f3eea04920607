package org.captionlab.cli;

import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import picocli.CommandLine.Option;

/**
 * Decoding options shared by {@code caption}, {@code evaluate} and {@code bench}. Unset options
 * take the model's recommended defaults from its manifest.
 */
final class DecodingOptions {

    @Option(names = "--beam", paramLabel = "K", description = "Beam width (1 = greedy). Default: the model's.")
    Integer beam;

    @Option(names = "--alternatives", paramLabel = "N", description = "Number of best captions to return (≤ beam). Default: min(3, beam).")
    Integer alternatives;

    @Option(names = "--max-length", paramLabel = "L", description = "Maximum caption length in words. Default: the model's.")
    Integer maxLength;

    @Option(names = "--length-alpha", paramLabel = "A", description = "Length normalisation: score = logp / len^A. Default: the model's.")
    Double lengthAlpha;

    @Option(names = "--block-repeat", paramLabel = "N", description = "Forbid repeating any n-gram of size N (0 = off). Default: the model's.")
    Integer blockRepeat;

    @Option(names = "--greedy", description = "Greedy decoding.")
    boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "Sample with this softmax temperature instead of searching.")
    Double temperature;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed for sampling (default ${DEFAULT-VALUE}).",
            defaultValue = "" + DecodeOptions.DEFAULT_SAMPLING_SEED)
    long seed;

    /** The options to decode with, starting from the model's defaults. */
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
        int alts = alternatives != null ? alternatives : Math.min(Manifest.Decoding.DEFAULT_ALTERNATIVES, width);
        if (width == 1) {
            return new DecodeOptions(Strategy.GREEDY, 1, 1, maxLen, alpha, block, 1.0, seed);
        }
        return new DecodeOptions(Strategy.BEAM, width, alts, maxLen, alpha, block, 1.0, seed);
    }
}
