package org.captionlab.model;

/**
 * How the decoder network is optimised (Adam). Saved with the network so that training resumes with the
 * same settings.
 *
 * @param learningRate  Adam step size (&gt; 0)
 * @param gradientClip  L2-norm threshold for gradient clipping, applied per layer (see
 *                      {@link CaptionNetwork}); 0 turns clipping off
 * @param tbpttLength   0 for full backpropagation through time; otherwise truncated BPTT in chunks of this
 *                      many time steps (one parameter update per chunk)
 * @param weightDecay   decoupled weight decay on the weight matrices (AdamW style: {@code w -= lr·λ·w} after
 *                      the Adam step, biases excluded); 0 turns it off
 * @param seed          seed of the weight initialisation and of the dropout masks
 */
public record TrainingHyperparameters(double learningRate, double gradientClip, int tbpttLength, double weightDecay,
                                      long seed) {

    /** Adam's usual step size for caption decoders (Karpathy's neuraltalk2 used 4e-4; 1e-3 trains faster). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Per-layer L2 clip threshold, as in neuraltalk2 / im2txt (5.0). */
    public static final double DEFAULT_GRADIENT_CLIP = 5.0;
    public static final long DEFAULT_SEED = 42L;

    public TrainingHyperparameters {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("gradient clip threshold must be >= 0 (0 = off), was " + gradientClip);
        }
        if (tbpttLength < 0) {
            throw new IllegalArgumentException("truncated BPTT length must be >= 0 (0 = full BPTT), was " + tbpttLength);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
    }

    /** lr 1e-3, clip 5.0, full BPTT, no weight decay, seed 42. */
    public static TrainingHyperparameters defaults() {
        return new TrainingHyperparameters(DEFAULT_LEARNING_RATE, DEFAULT_GRADIENT_CLIP, 0, 0.0, DEFAULT_SEED);
    }

    public TrainingHyperparameters withLearningRate(double value) {
        return new TrainingHyperparameters(value, gradientClip, tbpttLength, weightDecay, seed);
    }

    public TrainingHyperparameters withGradientClip(double value) {
        return new TrainingHyperparameters(learningRate, value, tbpttLength, weightDecay, seed);
    }

    public TrainingHyperparameters withTbpttLength(int value) {
        return new TrainingHyperparameters(learningRate, gradientClip, value, weightDecay, seed);
    }

    public TrainingHyperparameters withWeightDecay(double value) {
        return new TrainingHyperparameters(learningRate, gradientClip, tbpttLength, value, seed);
    }

    public TrainingHyperparameters withSeed(long value) {
        return new TrainingHyperparameters(learningRate, gradientClip, tbpttLength, weightDecay, value);
    }
}
