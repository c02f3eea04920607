package org.captionlab.train;

/**
 * Where a model's training data and features came from, recorded in its manifest (Tribuo-style
 * provenance): with it and the config, anyone can reproduce the model.
 *
 * @param dataSha256    SHA-256 of every data file read (annotations, split lists), by file name
 * @param encoderId     encoder that made the features
 * @param encoderSha256 SHA-256 of the encoder weights
 * @param featureDim    feature dimension
 * @param dataset       dataset description, e.g. {@code flickr8k (captions.txt)}
 * @param trainSplit    training split, e.g. {@code Flickr_8k.trainImages.txt}
 * @param valSplit      validation split used for early stopping
 * @param commandLine   the command that trained the model
 */
public record Provenance(String encoderId, String encoderSha256, int featureDim, String dataset, String trainSplit,
                         String valSplit, String commandLine, java.util.Map<String, String> dataSha256) {

    public Provenance {
        dataSha256 = dataSha256 == null ? java.util.Map.of() : java.util.Map.copyOf(dataSha256);
    }

    /** Provenance without data hashes. */
    public Provenance(String encoderId, String encoderSha256, int featureDim, String dataset, String trainSplit,
                      String valSplit, String commandLine) {
        this(encoderId, encoderSha256, featureDim, dataset, trainSplit, valSplit, commandLine, java.util.Map.of());
    }
}
