package org.captionlab.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every word and every n-gram (n = 1..maxOrder) seen in one evaluation a dense int id, so that the
 * metrics count and compare n-grams as sorted int arrays instead of hashing tuples of strings (the
 * Python scorers' {@code tuple(words[i:i+k])} keys). An n-gram's id is looked up from the id of its
 * (n-1)-gram prefix and the id of its last word, so ids are unique across all orders.
 *
 * <p>Not thread-safe; each metric computation owns its index.
 */
final class NGramIndex {

    private final int maxOrder;
    private final Map<String, Integer> wordIds = new HashMap<>();
    private final LongIntTable ngramIds = new LongIntTable();

    NGramIndex(int maxOrder) {
        this.maxOrder = maxOrder;
    }

    /** Number of distinct n-grams (all orders) given an id so far; ids are 0..size()-1. */
    int size() {
        return ngramIds.size();
    }

    /** The word ids of a token list, assigning new ids to new words. */
    int[] words(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = wordIds.computeIfAbsent(tokens.get(i), w -> wordIds.size());
        }
        return ids;
    }

    /**
     * The n-gram counts of a token list, as pycocoevalcap's {@code precook} computes them: for each order
     * k = 1..maxOrder, every window {@code words[i:i+k]} counted once.
     */
    Counts count(List<String> tokens) {
        int[] words = words(tokens);
        int length = words.length;
        int[][] ids = new int[maxOrder][];
        int[][] counts = new int[maxOrder][];
        int[] grams = new int[length];
        for (int k = 1; k <= maxOrder; k++) {
            int windows = Math.max(0, length - k + 1);
            for (int i = 0; i < windows; i++) {
                int prefix = k == 1 ? -1 : grams[i];
                grams[i] = ngramId(prefix, words[i + k - 1]);
            }
            int[] sorted = Arrays.copyOf(grams, windows);
            Arrays.sort(sorted);
            int distinct = 0;
            int[] runCounts = new int[windows];
            for (int i = 0; i < windows; i++) {
                if (distinct > 0 && sorted[distinct - 1] == sorted[i]) {
                    runCounts[distinct - 1]++;
                } else {
                    sorted[distinct] = sorted[i];
                    runCounts[distinct] = 1;
                    distinct++;
                }
            }
            ids[k - 1] = Arrays.copyOf(sorted, distinct);
            counts[k - 1] = Arrays.copyOf(runCounts, distinct);
        }
        return new Counts(length, ids, counts);
    }

    private int ngramId(int prefixId, int wordId) {
        long key = ((long) (prefixId + 1) << 32) | (wordId & 0xffffffffL);
        return ngramIds.idOf(key);
    }

    /**
     * Open-addressing map from a long key to a dense id (0, 1, 2, ... in order of first sight). A
     * {@code HashMap<Long, Integer>} would be far slower here: {@code Long.hashCode} XORs the two halves,
     * and (prefix, word) keys collide massively under it.
     */
    private static final class LongIntTable {
        private long[] keys = new long[1 << 12];
        private int[] ids = new int[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        int size() {
            return size;
        }

        int idOf(long key) {
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (used[slot]) {
                if (keys[slot] == key) {
                    return ids[slot];
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = key;
            ids[slot] = size;
            size++;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldIds = ids;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            ids = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    int slot = mix(oldKeys[i]) & mask;
                    while (used[slot]) {
                        slot = (slot + 1) & mask;
                    }
                    used[slot] = true;
                    keys[slot] = oldKeys[i];
                    ids[slot] = oldIds[i];
                }
            }
        }

        /** MurmurHash3's 64-bit finaliser. */
        private static int mix(long key) {
            long h = key;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) h;
        }
    }

    /**
     * Sparse n-gram counts of one caption.
     *
     * @param length number of tokens
     * @param ids    {@code ids[k-1]}: the distinct k-gram ids, ascending
     * @param counts {@code counts[k-1][j]}: how often {@code ids[k-1][j]} occurs
     */
    record Counts(int length, int[][] ids, int[][] counts) {
    }
}
