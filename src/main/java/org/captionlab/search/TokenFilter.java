package org.captionlab.search;

import java.util.Arrays;

import org.captionlab.text.Vocabulary;

/**
 * Which words a search may choose at a step; shared by greedy, beam and sampling so that the three
 * agree (beam width 1 must equal greedy, and a low temperature must approach it).
 *
 * <ul>
 *   <li>{@code <start>} is an input marker and is never a word.</li>
 *   <li>{@code <unk>} is never chosen: it stands for every rare word of the training captions at
 *       once, so it gets a large share of probability, yet as output it says nothing.
 *       neuraltalk2/im2txt demos drop it the same way.</li>
 *   <li>With {@code blockRepeatNgram = n > 0}, a word that would complete an n-gram that the
 *       hypothesis already contains is not chosen (a cure for "a dog and a dog and a dog");
 *       {@code <end>} is never blocked, so blocking never keeps a caption from finishing.</li>
 * </ul>
 *
 * <p>Masking only changes which word is <em>chosen</em>. Every reported probability stays the
 * model's own (not renormalised over the allowed words), so scores stay comparable to
 * {@link CaptionSearch#logProbOf}.
 */
final class TokenFilter {

    private TokenFilter() {
    }

    /** True if {@code id} may ever be emitted as a word or as the end marker. */
    static boolean emittable(int id) {
        return id != Vocabulary.START_ID && id != Vocabulary.UNK_ID;
    }

    /**
     * Marks, in a fresh array of {@code vocabSize}, the words that would repeat an n-gram of
     * {@code words}; {@code null} when blocking is off or nothing is blocked (the common case).
     */
    static boolean[] blockedWords(int[] words, int n, int vocabSize) {
        if (n <= 0 || words.length < n - 1) {
            return null;
        }
        boolean[] blocked = null;
        int tail = words.length - (n - 1); // start of the last n-1 words, which the next word would extend
        for (int i = 0; i + n - 1 < words.length; i++) {
            if (Arrays.equals(words, i, i + n - 1, words, tail, words.length)) {
                if (blocked == null) {
                    blocked = new boolean[vocabSize];
                }
                blocked[words[i + n - 1]] = true;
            }
        }
        return blocked;
    }

    /** True if the word may be chosen given the hypothesis' blocked set (see {@link #blockedWords}). */
    static boolean allowed(int id, boolean[] blocked) {
        return emittable(id) && (blocked == null || id == Vocabulary.END_ID || !blocked[id]);
    }
}
