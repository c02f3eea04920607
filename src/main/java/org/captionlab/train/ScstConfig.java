package org.captionlab.train;

/**
 * Settings of a self-critical fine-tuning phase ({@link SelfCriticalTrainer}); with the same starting model,
 * data and config (seed included) the same model comes out.
 *
 * @param epochs           maximum passes over the training images
 * @param learningRate     Adam step size (constant; the phase starts with fresh Adam moments)
 * @param samples          captions sampled per image and step (K ≥ 2 with the mean-of-others baseline)
 * @param imagesPerBatch   images per parameter update (the batch holds {@code imagesPerBatch · samples} captions)
 * @param maxLength        longest sampled caption in words
 * @param baseline         what a sample's reward is compared with
 * @param guard            withhold the reward of degenerate samples ({@link RewardGuard})
 * @param patience         stop after this many epochs without a better validation CIDEr-D (0 = never)
 * @param validationImages validate on at most this many images (0 = all)
 * @param seed             seed of the sampling and the image order
 * @param positiveOnly     fit only the samples with a positive advantage (an ablation: the policy gradient then only
 *                         reinforces, never discourages)
 * @param ceWeight         weight of one reference caption per image, teacher-forced in the same step (the mixed
 *                         objective of Paulus et al. 2018: {@code L = L_rl + λ·L_ce}); 0 = pure self-critical training.
 *                         It keeps the language of the references in view, against the collapse onto a few generic
 *                         high-reward captions.
 */
public record ScstConfig(int epochs, double learningRate, int samples, int imagesPerBatch, int maxLength,
                         Baseline baseline, boolean guard, int patience, int validationImages, long seed,
                         boolean positiveOnly, double ceWeight) {

    /** Settings that fit every sample, whatever its advantage's sign, without the cross-entropy term. */
    public ScstConfig(int epochs, double learningRate, int samples, int imagesPerBatch, int maxLength,
                      Baseline baseline, boolean guard, int patience, int validationImages, long seed) {
        this(epochs, learningRate, samples, imagesPerBatch, maxLength, baseline, guard, patience, validationImages, seed,
                false, 0);
    }

    /** The reward a sample is compared with (its advantage is reward − baseline). */
    public enum Baseline {
        /** Mean reward of the image's other samples (Kool et al. 2019; no extra decoding). */
        MEAN_OF_OTHERS,
        /** Reward of the greedy caption of the same image (Rennie et al. 2017). */
        GREEDY
    }

    public ScstConfig {
        require(epochs > 0, "epochs must be positive");
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be positive");
        require(samples >= 1, "samples must be >= 1");
        require(baseline != Baseline.MEAN_OF_OTHERS || samples >= 2, "the mean-of-others baseline needs >= 2 samples");
        require(imagesPerBatch >= 1, "images per batch must be >= 1");
        require(maxLength >= 1, "max length must be >= 1");
        require(patience >= 0, "patience must be >= 0");
        require(validationImages >= 0, "validation images must be >= 0");
        require(ceWeight >= 0 && Double.isFinite(ceWeight), "the cross-entropy weight must be >= 0");
        if (baseline == null) {
            throw new IllegalArgumentException("a baseline is required");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The settings of the issue-13 calibration: lr 2e-4, 10 epochs, 5 samples, mean-of-others baseline. */
    public static ScstConfig defaults() {
        return new ScstConfig(10, 2e-4, 5, 16, 16, Baseline.MEAN_OF_OTHERS, true, 2, 0, 42L);
    }
}
