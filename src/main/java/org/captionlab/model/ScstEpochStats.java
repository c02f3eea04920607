package org.captionlab.model;

/**
 * What one epoch of self-critical fine-tuning (SCST) measured; one row of {@link ScstLog}.
 *
 * @param epoch               SCST epoch, 1-based (0: the starting model, not trained)
 * @param meanReward          mean reward of the epoch's samples, guard applied (NaN for epoch 0)
 * @param degenerateSamples   share of samples the guard withheld the reward from (NaN for epoch 0)
 * @param valBleu4            greedy validation BLEU-4
 * @param valCiderD           greedy validation CIDEr-D
 * @param distinctCaptions    distinct greedy validation captions per validation image (1: no two images share one)
 * @param distinctWords       words used over all greedy validation captions
 * @param degenerateCaptions  share of greedy validation captions that are degenerate
 * @param seconds             wall time of the epoch
 */
public record ScstEpochStats(int epoch, double meanReward, double degenerateSamples, double valBleu4,
                             double valCiderD, double distinctCaptions, int distinctWords, double degenerateCaptions,
                             double seconds) {
}
