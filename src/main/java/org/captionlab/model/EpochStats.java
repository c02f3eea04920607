package org.captionlab.model;

/**
 * What one epoch of training measured; one row of the training log.
 *
 * @param epoch          1-based epoch number
 * @param trainLoss      mean per-word cross-entropy over the epoch's batches (with dropout)
 * @param valLoss        per-word cross-entropy on the validation captions (no dropout)
 * @param valPerplexity  {@code exp(valLoss)}
 * @param valBleu4       corpus BLEU-4 of greedy captions on the validation images
 * @param valCiderD      CIDEr-D of greedy captions on the validation images
 * @param gradNormMean   mean L2 norm of the gradient before clipping
 * @param gradNormMax    largest L2 norm of the gradient before clipping
 * @param spectralRadius spectral radius of the recurrent matrix Whh after the epoch
 * @param seconds        wall time of the epoch including validation
 */
public record EpochStats(int epoch, double trainLoss, double valLoss, double valPerplexity, double valBleu4,
                         double valCiderD, double gradNormMean, double gradNormMax, double spectralRadius,
                         double seconds) {
}
