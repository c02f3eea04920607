package org.captionlab.model;

import org.captionlab.text.Vocabulary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Made-up vocabularies, features and captions for the model tests. */
final class TestData {

    private TestData() {
    }

    /** A vocabulary of {@code size} tokens: the three special ones and words {@code w3, w4, ...}. */
    static Vocabulary vocabulary(int size) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 3; i < size; i++) {
            counts.put(String.format("w%05d", i), 2 * size - i);   // decreasing counts keep index = i
        }
        Vocabulary vocabulary = Vocabulary.build(counts, 1);
        if (vocabulary.size() != size) {
            throw new AssertionError("vocabulary of " + vocabulary.size());
        }
        return vocabulary;
    }

    static float[] randomFeature(Random random, int dim) {
        float[] f = new float[dim];
        for (int i = 0; i < dim; i++) {
            f[i] = random.nextFloat();
        }
        return f;
    }

    /** Word indices in [UNK_ID, vocabSize): never <start> or <end>. */
    static int[] randomCaption(Random random, int length, int vocabSize) {
        int[] c = new int[length];
        for (int i = 0; i < length; i++) {
            c[i] = Vocabulary.UNK_ID + random.nextInt(vocabSize - Vocabulary.UNK_ID);
        }
        return c;
    }
}
