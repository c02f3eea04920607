package org.captionlab.search;

import org.captionlab.model.Manifest;

/**
 * Settings of one decoding run (neuraltalk2/im2txt vocabulary).
 *
 * @param strategy          greedy, beam or sampling
 * @param beamWidth         hypotheses kept per step (beam only; 1 = greedy)
 * @param alternatives      how many complete captions to return (≤ beamWidth for beam; samples drawn for sampling)
 * @param maxLength         maximum number of words; a caption still open then is closed
 * @param lengthAlpha       length normalisation: score = logProb / length^alpha (0 = none)
 * @param blockRepeatNgram  forbid repeating any n-gram of this size (0 = off)
 * @param temperature       softmax temperature for sampling (> 0)
 * @param seed              random seed for sampling
 */
public record DecodeOptions(Strategy strategy, int beamWidth, int alternatives, int maxLength,
                            double lengthAlpha, int blockRepeatNgram, double temperature, long seed) {

    public static final int DEFAULT_MAX_LENGTH = Manifest.Decoding.DEFAULT_MAX_LENGTH;
    /** Seed of sampling when none is given (the CLI's --seed). */
    public static final long DEFAULT_SAMPLING_SEED = 42L;

    public DecodeOptions {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is required");
        }
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width must be >= 1, was " + beamWidth);
        }
        if (alternatives < 1) {
            throw new IllegalArgumentException("alternatives must be >= 1, was " + alternatives);
        }
        if (strategy == Strategy.BEAM && alternatives > beamWidth) {
            throw new IllegalArgumentException("alternatives (" + alternatives + ") cannot exceed the beam width (" + beamWidth + ")");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be >= 1, was " + maxLength);
        }
        if (lengthAlpha < 0) {
            throw new IllegalArgumentException("length alpha must be >= 0, was " + lengthAlpha);
        }
        if (blockRepeatNgram < 0) {
            throw new IllegalArgumentException("repeat n-gram size must be >= 0, was " + blockRepeatNgram);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
    }

    /**
     * The options a model's default decoding stands for: greedy for beam width 1, else beam search with
     * {@link Manifest.Decoding#defaultAlternatives()} alternatives (the seed, which only sampling uses, is 0).
     */
    public static DecodeOptions of(Manifest.Decoding d) {
        Manifest.Decoding decoding = d == null ? Manifest.Decoding.defaults() : d;
        int width = Math.max(1, decoding.beamWidth());
        return new DecodeOptions(width == 1 ? Strategy.GREEDY : Strategy.BEAM, width, decoding.defaultAlternatives(),
                decoding.maxLength(), decoding.lengthAlpha(), decoding.blockRepeatNgram(), 1.0, 0L);
    }

    /** The default decoding these options stand for, as a manifest stores it. */
    public Manifest.Decoding toDefaults() {
        return new Manifest.Decoding(strategy == Strategy.BEAM ? beamWidth : 1, lengthAlpha, maxLength, blockRepeatNgram);
    }

    /** Greedy decoding. */
    public static DecodeOptions greedy() {
        return new DecodeOptions(Strategy.GREEDY, 1, 1, DEFAULT_MAX_LENGTH, 0.0, 0, 1.0, 0L);
    }

    /** Beam search returning the {@code alternatives} best captions. */
    public static DecodeOptions beam(int width, int alternatives) {
        return new DecodeOptions(Strategy.BEAM, width, alternatives, DEFAULT_MAX_LENGTH, 0.0, 0, 1.0, 0L);
    }

    /** Sampling {@code samples} captions at a temperature with a seed. */
    public static DecodeOptions sample(double temperature, long seed, int samples) {
        return new DecodeOptions(Strategy.SAMPLE, 1, samples, DEFAULT_MAX_LENGTH, 0.0, 0, temperature, seed);
    }

    public DecodeOptions withMaxLength(int value) {
        return new DecodeOptions(strategy, beamWidth, alternatives, value, lengthAlpha, blockRepeatNgram, temperature, seed);
    }

    public DecodeOptions withLengthAlpha(double value) {
        return new DecodeOptions(strategy, beamWidth, alternatives, maxLength, value, blockRepeatNgram, temperature, seed);
    }

    public DecodeOptions withBlockRepeatNgram(int value) {
        return new DecodeOptions(strategy, beamWidth, alternatives, maxLength, lengthAlpha, value, temperature, seed);
    }
}
