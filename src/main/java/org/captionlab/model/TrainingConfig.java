package org.captionlab.model;


/**
 * Everything that determines a training run; with the same data and the same config (seed included)
 * training produces the same model.
 *
 * @param cell             rnn or lstm
 * @param embeddingSize    word embedding size E
 * @param hiddenSize       recurrent state size H
 * @param dropout          dropout on the recurrent output during training (0 = none)
 * @param epochs           maximum number of epochs
 * @param batchSize        captions per mini-batch
 * @param learningRate     Adam learning rate of the first epoch
 * @param lrDecay          the learning rate of epoch e is {@code learningRate · lrDecay^(e-1)} (1 = constant)
 * @param clip             gradient L2-norm clipping threshold (0 = none)
 * @param tbptt            truncated BPTT chunk length in steps (0 = full BPTT)
 * @param l2               L2 weight decay (0 = none)
 * @param seed             random seed (initialisation, shuffling, dropout)
 * @param minWordCount     words seen fewer times in the training captions become {@code <unk>}
 * @param maxCaptionLength training captions are cut to this many words
 * @param patience         stop after this many epochs without a better validation CIDEr-D (0 = never)
 * @param validationImages validate on at most this many images of the validation split (0 = all)
 * @param normalizeFeatures standardise every feature dimension with the training images' mean and standard
 *                         deviation ({@link FeatureNormalization}, stored in the bundle and applied by inference);
 *                         false (raw features) in manifests written before it existed
 * @param mirror           each epoch feeds, per caption, either the photo's feature or that of the photo mirrored
 *                         left-right (a seeded draw); validation and inference only ever see the plain photo;
 *                         false in manifests written before it existed
 */
public record TrainingConfig(CellType cell, int embeddingSize, int hiddenSize, double dropout, int epochs,
                             int batchSize, double learningRate, double lrDecay, double clip, int tbptt, double l2, long seed,
                             int minWordCount, int maxCaptionLength, int patience, int validationImages,
                             boolean normalizeFeatures, boolean mirror) {

    /** A configuration without mirrored photos. */
    public TrainingConfig(CellType cell, int embeddingSize, int hiddenSize, double dropout, int epochs, int batchSize,
                          double learningRate, double lrDecay, double clip, int tbptt, double l2, long seed,
                          int minWordCount, int maxCaptionLength, int patience, int validationImages,
                          boolean normalizeFeatures) {
        this(cell, embeddingSize, hiddenSize, dropout, epochs, batchSize, learningRate, lrDecay, clip, tbptt, l2, seed,
                minWordCount, maxCaptionLength, patience, validationImages, normalizeFeatures, false);
    }

    /** A configuration on raw features. */
    public TrainingConfig(CellType cell, int embeddingSize, int hiddenSize, double dropout, int epochs, int batchSize,
                          double learningRate, double lrDecay, double clip, int tbptt, double l2, long seed,
                          int minWordCount, int maxCaptionLength, int patience, int validationImages) {
        this(cell, embeddingSize, hiddenSize, dropout, epochs, batchSize, learningRate, lrDecay, clip, tbptt, l2, seed,
                minWordCount, maxCaptionLength, patience, validationImages, false, false);
    }

    public TrainingConfig {
        require(embeddingSize > 0, "embedding size must be positive");
        require(hiddenSize > 0, "hidden size must be positive");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
        require(epochs > 0, "epochs must be positive");
        require(batchSize > 0, "batch size must be positive");
        require(learningRate > 0, "learning rate must be positive");
        require(lrDecay > 0 && lrDecay <= 1, "learning-rate decay must be in (0, 1]");
        require(clip >= 0, "clip must be >= 0");
        require(tbptt >= 0, "tbptt must be >= 0");
        require(l2 >= 0, "l2 must be >= 0");
        require(minWordCount >= 1, "min word count must be >= 1");
        require(maxCaptionLength >= 1, "max caption length must be >= 1");
        require(patience >= 0, "patience must be >= 0");
        require(validationImages >= 0, "validation images must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults the shipped model was trained with (see README). */
    public static TrainingConfig defaults() {
        return new TrainingConfig(CellType.RNN, 256, 512, 0.5, 12, 64, 2e-3, 0.85, 5.0, 0, 0.0, 42L, 5, 20, 3, 0);
    }
}
