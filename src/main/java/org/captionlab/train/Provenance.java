package org.captionlab.train;

/**
 * Where a model's training data and features came from, recorded in its manifest (Tribuo-style
 * provenance): with it and the config, anyone can reproduce the model.
 *
 * @param encoderId     encoder that made the features
 * @param encoderSha256 SHA-256 of the encoder weights
 * @param featureDim    feature dimension
 * @param dataset       dataset description, e.g. {@code flickr8k (captions.txt)}
 * @param trainSplit    training split, e.g. {@code Flickr_8k.trainImages.txt}
 * @param valSplit      validation split used for early stopping
 * @param commandLine   the command that trained the model
 */
public record Provenance(String encoderId, String encoderSha256, int featureDim, String dataset, String trainSplit,
                         String valSplit, String commandLine) {
}
