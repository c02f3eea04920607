package org.captionlab.text;

import org.captionlab.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word ↔ index mapping of the decoder's embedding and output layers.
 *
 * <p>Indices 0, 1, 2 are {@link #END}, {@link #START} and {@link #UNK}; words follow by decreasing
 * training count (ties alphabetical) so that a vocabulary built twice from the same data is the same.
 * Saved as UTF-8 text, one {@code token<TAB>count} per line, the line number being the index.
 */
public final class Vocabulary {

    public static final String END = "<end>";
    public static final String START = "<start>";
    public static final String UNK = "<unk>";
    public static final int END_ID = 0;
    public static final int START_ID = 1;
    public static final int UNK_ID = 2;

    private final List<String> tokens;
    private final int[] counts;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens, int[] counts) {
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            if (map.put(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token '" + this.tokens.get(i) + "'");
            }
        }
        this.index = Collections.unmodifiableMap(map);
        if (this.tokens.size() < 3 || !END.equals(this.tokens.get(END_ID))
                || !START.equals(this.tokens.get(START_ID)) || !UNK.equals(this.tokens.get(UNK_ID))) {
            throw new IllegalArgumentException("vocabulary must start with " + END + ", " + START + ", " + UNK);
        }
    }

    /**
     * Builds a vocabulary from word counts, keeping words seen at least {@code minCount} times.
     *
     * @throws IllegalArgumentException for a word containing whitespace, which the one-word-per-line file
     *                                  format could not read back
     */
    public static Vocabulary build(Map<String, Integer> wordCounts, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            String w = e.getKey();
            if (!w.isBlank() && w.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                throw new IllegalArgumentException("word '" + w + "' contains whitespace");
            }
            if (e.getValue() >= minCount && !w.isBlank() && !w.equals(END) && !w.equals(START) && !w.equals(UNK)) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> tokens = new ArrayList<>(List.of(END, START, UNK));
        int[] counts = new int[kept.size() + 3];
        for (Map.Entry<String, Integer> e : kept) {
            counts[tokens.size()] = e.getValue();
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens, counts);
    }

    /** Counts the words of the given captions (tokenised with {@link Tokenizer#words}) and builds. */
    public static Vocabulary fromCaptions(Iterable<String> captions, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String c : captions) {
            for (String w : Tokenizer.words(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return build(counts, minCount);
    }

    /** Reads a vocabulary written by {@link #save}. */
    public static Vocabulary load(Path file) throws IOException {
        List<String> tokens = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);   // byte-order mark of files saved by Windows editors
            }
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            try {
                tokens.add(tab < 0 ? line : line.substring(0, tab));
                counts.add(tab < 0 ? 0 : Integer.parseInt(line.substring(tab + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IOException("vocabulary '" + file + "' line " + lineNo + ": bad count in '" + line + "'", e);
            }
        }
        try {
            return new Vocabulary(tokens, counts.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new IOException("vocabulary '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Writes the vocabulary as UTF-8 text, one {@code token<TAB>count} per line (temporary file, then move). */
    public void save(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(tokens.get(i)).append('\t').append(counts[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * This vocabulary with {@code words} appended (training count 0) after the existing entries, so
     * that every existing index stays the same: what open-vocabulary decoding needs to add words
     * the decoder never saw without touching the ones it knows.
     *
     * @throws IllegalArgumentException for a word already present, a duplicate, or a word with whitespace
     */
    public Vocabulary extendedWith(List<String> words) {
        List<String> t = new ArrayList<>(tokens);
        int[] c = Arrays.copyOf(counts, counts.length + words.size());
        for (String w : words) {
            if (w.isBlank() || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("cannot add '" + w + "': a vocabulary entry is one word");
            }
            t.add(w);
        }
        return new Vocabulary(t, c);
    }

    public int size() {
        return tokens.size();
    }

    /** Index of a word, {@link #UNK_ID} if unknown. */
    public int indexOf(String word) {
        return index.getOrDefault(word, UNK_ID);
    }

    /** True if the word has an index of its own. */
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** Training count of the token at {@code id} (0 for the special tokens). */
    public int count(int id) {
        return counts[id];
    }

    /** Indices of the caption's words (no start/end markers). */
    public int[] encode(String caption) {
        List<String> words = Tokenizer.words(caption);
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = indexOf(words.get(i));
        }
        return ids;
    }

    /** Words of the indices, stopping at {@link #END_ID} and skipping {@link #START_ID}. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (id == END_ID) {
                break;
            }
            if (id != START_ID) {
                out.add(tokens.get(id));
            }
        }
        return out;
    }

    /** All tokens in index order. */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + tokens.size() + " tokens]";
    }
}
