package org.captionlab.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.captionlab.text.Vocabulary;

/**
 * A decoder with words added that it never saw in training, after Hendricks et al. 2016 ("Deep
 * Compositional Captioning"): each new word borrows the embedding and the output weights of a known
 * word close to it in WordNet (parrot ← bird, giraffe ← animal), so the decoder uses it wherever it
 * would use that word.
 *
 * <p>Implemented without copying a single weight: a new word {@code n} with source {@code s} gets
 * the logit {@code z_s + bias}; its output row is the source's, so
 * <pre>  log p'(w) = log p(w) − log(1 + Σ_allowed p(s_n)·e^bias)   for an old word w
 *   log p'(n) = log p(s_n) + bias − log(1 + Σ_allowed p(s_n)·e^bias)</pre>
 * and fed back as the previous word it is its source's embedding. With bias 0 the new word gets the
 * same probability as its source — it competes with it rather than drowning it, and the decoder's
 * language model continues after "parrot" as it would after "bird".
 *
 * <p>New words are <em>masked</em> (log-probability −∞, and then the old words' probabilities are
 * exactly the base model's) unless {@link #allowing allowed}: a word such as "parrot" is only right
 * for a photo whose classifier says parrot, so the caller allows, per image, the words its labels
 * name. Immutable and thread-safe; {@link #allowing} returns a cheap view.
 */
public final class ExpandedVocabularyModel implements CaptionModel {

    /**
     * One added word.
     *
     * @param word   the new token (one word, lower case)
     * @param source the in-vocabulary word whose weights it borrows
     * @param bias   added to the borrowed logit (0 = the same probability as the source)
     * @param origin why this source, for the bundle's record (e.g. the WordNet hypernym chain)
     */
    public record AddedWord(String word, String source, double bias, String origin) {
        public AddedWord {
            Objects.requireNonNull(word, "word");
            Objects.requireNonNull(source, "source");
            origin = origin == null ? "" : origin;
            if (!Double.isFinite(bias)) {
                throw new IllegalArgumentException("bias of '" + word + "' must be finite, was " + bias);
            }
        }
    }

    private final CaptionModel base;
    private final Vocabulary vocabulary;
    private final List<AddedWord> added;
    private final int baseSize;
    /** Base-vocabulary id of each added word's source, by added index. */
    private final int[] sourceIds;
    private final double[] biases;
    /** Which added words may be emitted (by added index). */
    private final boolean[] allowed;

    private ExpandedVocabularyModel(CaptionModel base, Vocabulary vocabulary, List<AddedWord> added, int[] sourceIds,
                                    double[] biases, boolean[] allowed) {
        this.base = base;
        this.vocabulary = vocabulary;
        this.added = added;
        this.baseSize = base.vocabulary().size();
        this.sourceIds = sourceIds;
        this.biases = biases;
        this.allowed = allowed;
    }

    /**
     * Adds {@code words} to {@code base}, all masked.
     *
     * @throws IllegalArgumentException if a word is already in the vocabulary, appears twice, or its
     *                                  source is not a word of the base vocabulary
     */
    public static ExpandedVocabularyModel of(CaptionModel base, List<AddedWord> words) {
        Objects.requireNonNull(base, "base");
        Vocabulary v = base.vocabulary();
        int[] sources = new int[words.size()];
        double[] biases = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            AddedWord w = words.get(i);
            if (v.contains(w.word())) {
                throw new IllegalArgumentException("'" + w.word() + "' is already in the vocabulary");
            }
            if (!v.contains(w.source()) || v.indexOf(w.source()) < 3) {
                throw new IllegalArgumentException("source '" + w.source() + "' of '" + w.word()
                        + "' is not a word of the vocabulary");
            }
            sources[i] = v.indexOf(w.source());
            biases[i] = w.bias();
        }
        Vocabulary expanded = v.extendedWith(words.stream().map(AddedWord::word).toList());
        return new ExpandedVocabularyModel(base, expanded, List.copyOf(words), sources, biases,
                new boolean[words.size()]);
    }

    /** The same model with exactly {@code words} (added words; others are ignored) allowed. */
    public ExpandedVocabularyModel allowing(Collection<String> words) {
        boolean[] a = new boolean[added.size()];
        for (String w : words) {
            int id = vocabulary.indexOf(w);
            if (id >= baseSize) {
                a[id - baseSize] = true;
            }
        }
        return Arrays.equals(a, allowed) ? this
                : new ExpandedVocabularyModel(base, vocabulary, added, sourceIds, biases, a);
    }

    /** The model without added words. */
    public CaptionModel base() {
        return base;
    }

    /** The added words, in vocabulary order (the first has id {@code base().vocabulary().size()}). */
    public List<AddedWord> addedWords() {
        return added;
    }

    /** Added words by name, in vocabulary order. */
    public Map<String, AddedWord> addedByWord() {
        Map<String, AddedWord> m = new LinkedHashMap<>();
        added.forEach(w -> m.put(w.word(), w));
        return m;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int featureDim() {
        return base.featureDim();
    }

    @Override
    public DecoderState initialState(float[] feature) {
        return base.initialState(feature);
    }

    @Override
    public DecoderState initialStates(float[][] features) {
        return base.initialStates(features);
    }

    @Override
    public Step step(DecoderState state, int[] previousTokens) {
        int[] mapped = previousTokens;
        for (int i = 0; i < previousTokens.length; i++) {
            if (previousTokens[i] >= baseSize) {
                if (mapped == previousTokens) {
                    mapped = previousTokens.clone();
                }
                mapped[i] = sourceIds[previousTokens[i] - baseSize];
            }
        }
        Step s = base.step(state, mapped);
        float[][] rows = new float[s.logProbs().length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = expand(s.logProbs()[r]);
        }
        return new Step(rows, s.next());
    }

    private float[] expand(float[] baseRow) {
        float[] row = Arrays.copyOf(baseRow, vocabulary.size());
        // Mass the allowed new words take, relative to the base distribution's total of 1.
        double extra = 0;
        for (int i = 0; i < sourceIds.length; i++) {
            if (allowed[i]) {
                extra += Math.exp(baseRow[sourceIds[i]] + biases[i]);
            }
        }
        double logZ = Math.log1p(extra);
        if (extra > 0) {
            for (int j = 0; j < baseSize; j++) {
                row[j] = (float) (baseRow[j] - logZ);
            }
        }
        for (int i = 0; i < sourceIds.length; i++) {
            row[baseSize + i] = allowed[i] ? (float) (baseRow[sourceIds[i]] + biases[i] - logZ) : Float.NEGATIVE_INFINITY;
        }
        return row;
    }
}
