package org.captionlab.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.captionlab.text.Vocabulary;

/**
 * A disjunctive constraint on a caption (Anderson et al. 2017): the caption must contain at least one
 * of the phrases, each a run of vocabulary ids ("cat", "cats", or the two words "hot dog").
 *
 * @param name    what the constraint stands for, for reports (e.g. the classifier label "Egyptian cat")
 * @param phrases the phrases, each at least one word id; any one satisfies the constraint
 */
public record Constraint(String name, List<int[]> phrases) {

    public Constraint {
        Objects.requireNonNull(name, "name");
        List<int[]> copy = new ArrayList<>();
        for (int[] p : phrases) {
            if (p == null || p.length == 0) {
                throw new IllegalArgumentException("constraint '" + name + "' has an empty phrase");
            }
            copy.add(p.clone());
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("constraint '" + name + "' has no phrase");
        }
        phrases = List.copyOf(copy);
    }

    /**
     * The constraint whose phrases are {@code texts} tokenised by spaces and looked up in
     * {@code vocabulary}; phrases with a word outside the vocabulary are left out.
     *
     * @return the constraint, or null when no phrase can be written with the vocabulary
     */
    public static Constraint of(String name, List<String> texts, Vocabulary vocabulary) {
        List<int[]> phrases = new ArrayList<>();
        for (String text : texts) {
            String[] words = text.strip().split("\\s+");
            int[] ids = new int[words.length];
            boolean ok = words.length > 0 && !words[0].isEmpty();
            for (int i = 0; i < words.length && ok; i++) {
                ok = vocabulary.contains(words[i]) && vocabulary.indexOf(words[i]) > Vocabulary.UNK_ID;
                ids[i] = vocabulary.indexOf(words[i]);
            }
            if (ok && phrases.stream().noneMatch(p -> Arrays.equals(p, ids))) {
                phrases.add(ids);
            }
        }
        return phrases.isEmpty() ? null : new Constraint(name, phrases);
    }

    /** True if {@code words} contains one of the phrases. */
    public boolean satisfiedBy(int[] words) {
        for (int[] p : phrases) {
            for (int start = 0; start + p.length <= words.length; start++) {
                if (Arrays.equals(words, start, start + p.length, p, 0, p.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if a phrase ends exactly at the end of {@code words}. */
    boolean endsWithPhrase(int[] words) {
        for (int[] p : phrases) {
            if (p.length <= words.length
                    && Arrays.equals(words, words.length - p.length, words.length, p, 0, p.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far the end of {@code words} has got into a phrase: the longest proper prefix of a phrase that
     * is a suffix of {@code words} (0 = none). Two hypotheses that differ in it are in different states
     * of the constraint's automaton.
     */
    int progress(int[] words) {
        int best = 0;
        for (int[] p : phrases) {
            for (int k = Math.min(p.length - 1, words.length); k > best; k--) {
                if (Arrays.equals(words, words.length - k, words.length, p, 0, k)) {
                    best = k;
                    break;
                }
            }
        }
        return best;
    }

    /** The words that start or continue a phrase after {@code words} (the automaton's advancing moves). */
    void advancingWords(int[] words, java.util.function.IntConsumer out) {
        for (int[] p : phrases) {
            for (int k = 0; k < p.length && k <= words.length; k++) {
                if (Arrays.equals(words, words.length - k, words.length, p, 0, k)) {
                    out.accept(p[k]);
                }
            }
        }
    }
}
