package org.captionlab.search;

import java.util.List;
import java.util.Random;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;

/**
 * Draws captions word by word from {@code softmax(logits / temperature)}, all samples of one image
 * batched into one model step per position.
 *
 * <p>The model gives log-probabilities, i.e. logits up to a per-row constant, so the tempered
 * distribution is {@code q_j ∝ exp(logProb_j / T)} over the allowed words ({@link TokenFilter}).
 * Sample {@code i} draws from its own {@link Random} seeded with {@link #sampleSeed(long, int)}, so
 * a sample depends only on (seed, i): asking for more samples never changes the first ones.
 */
final class Sampler {

    private Sampler() {
    }

    static List<Caption> sample(CaptionModel model, float[] feature, DecodeOptions options) {
        int n = options.alternatives();
        float[][] features = new float[n][];
        Random[] randoms = new Random[n];
        for (int i = 0; i < n; i++) {
            features[i] = feature;
            randoms[i] = new Random(sampleSeed(options.seed(), i));
        }
        DecoderState initial = n == 1 ? model.initialState(feature) : model.initialStates(features);
        double temperature = options.temperature();
        return SinglePathDecoder.decode(model, initial, options.maxLength(), options.blockRepeatNgram(),
                (row, logProbs, blocked) -> draw(logProbs, blocked, temperature, randoms[row]));
    }

    /**
     * Seed of sample {@code i}: SplitMix64's finaliser of {@code seed + (i+1)·golden gamma}, so
     * neighbouring seeds and indices give unrelated streams (plain {@code seed + i} would make
     * sample 1 of seed s equal to sample 0 of seed s+1).
     */
    static long sampleSeed(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One draw from the tempered distribution over the allowed tokens; -1 if all have probability 0. */
    static int draw(float[] logProbs, boolean[] blocked, double temperature, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logProbs.length; j++) {
            if (TokenFilter.allowed(j, blocked) && logProbs[j] > max) {
                max = logProbs[j];
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return -1;
        }
        // Subtracting the max keeps exp() in range for any temperature; the best word has weight 1.
        double[] weights = new double[logProbs.length];
        double total = 0;
        for (int j = 0; j < logProbs.length; j++) {
            if (TokenFilter.allowed(j, blocked)) {
                weights[j] = Math.exp((logProbs[j] - max) / temperature);
                total += weights[j];
            }
        }
        double r = random.nextDouble() * total;
        int last = -1;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] > 0) {
                last = j;
                r -= weights[j];
                if (r < 0) {
                    return j;
                }
            }
        }
        return last; // rounding left r slightly >= 0 after the last positive weight
    }
}
