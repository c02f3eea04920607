package org.captionlab.model;

/**
 * Shape of the caption decoder: what the network looks like, independent of how it is trained.
 *
 * @param cell          recurrent cell ({@link CellType#RNN} or {@link CellType#LSTM})
 * @param featureDim    dimension of the image feature {@code v} fed at every step (1280 for MobileNetV2)
 * @param vocabSize     number of vocabulary entries, special tokens included (embedding rows and softmax width)
 * @param embeddingSize word embedding size {@code E}
 * @param hiddenSize    recurrent state size {@code H}
 * @param dropout       probability of dropping a unit of the recurrent output during training, in [0, 1)
 */
public record DecoderConfig(CellType cell, int featureDim, int vocabSize, int embeddingSize, int hiddenSize,
                            double dropout) {

    /** Three special tokens ({@code <end>}, {@code <start>}, {@code <unk>}) plus at least one word. */
    public static final int MIN_VOCAB_SIZE = 4;

    public DecoderConfig {
        if (cell == null) {
            throw new IllegalArgumentException("decoder cell type is required");
        }
        requirePositive("feature dimension", featureDim);
        requirePositive("embedding size", embeddingSize);
        requirePositive("hidden size", hiddenSize);
        if (vocabSize < MIN_VOCAB_SIZE) {
            throw new IllegalArgumentException("vocabulary size must be >= " + MIN_VOCAB_SIZE + " (3 special tokens and"
                    + " at least one word), was " + vocabSize);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, was " + value);
        }
    }

    /** The same decoder with another dropout rate. */
    public DecoderConfig withDropout(double value) {
        return new DecoderConfig(cell, featureDim, vocabSize, embeddingSize, hiddenSize, value);
    }
}
