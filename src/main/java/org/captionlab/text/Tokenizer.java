package org.captionlab.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits caption text into lower-case tokens the way Penn-Treebank-style tokenisers do (and so the
 * way pycocoevalcap's PTBTokenizer prepares captions for BLEU/ROUGE-L/CIDEr): punctuation is split
 * off as tokens of its own, clitics ({@code 's}, {@code n't}, {@code 're}, ...) are separated, and
 * hyphens or apostrophes inside a word are kept.
 *
 * <p>{@link #tokenize} keeps the punctuation tokens; {@link #words} drops them, which is what
 * training and evaluation use.
 *
 * <p>Text is Unicode-normalised (NFC) first, so a letter typed with a combining accent equals its precomposed
 * form; any Unicode space (including the no-break space) separates words; and characters are handled as code
 * points, so an emoji or another character outside the Basic Multilingual Plane is one token, never two lone
 * surrogates.
 */
public final class Tokenizer {

    /** Clitics split off a word as in the Penn Treebank ("can't" → "ca n't", "dog's" → "dog 's"). */
    private static final Set<String> CLITICS = Set.of("'s", "'re", "'ve", "'ll", "'d", "'m", "n't");

    private Tokenizer() {
    }

    /** Lower-cased tokens with punctuation split off as separate tokens. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String s = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFC)
                .replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('\u201c', '"').replace('\u201d', '"');
        for (String chunk : WHITESPACE.split(s)) {
            if (!chunk.isEmpty()) {
                splitChunk(chunk, out);
            }
        }
        return out;
    }

    /** Lower-cased word tokens, punctuation removed. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String t : tokenize(text)) {
            if (!isPunctuation(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when the token has no letter or digit. */
    public static boolean isPunctuation(String token) {
        return token.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** Java's {@code \\s} misses the no-break space and the other Unicode space separators. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    /** Letters, digits and the combining marks that belong to them. */
    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static void splitChunk(String chunk, List<String> out) {
        int start = 0;
        int end = chunk.length();
        List<String> leading = new ArrayList<>();
        while (start < end && !isWordChar(chunk.codePointAt(start))) {
            int cp = chunk.codePointAt(start);
            leading.add(Character.toString(cp));
            start += Character.charCount(cp);
        }
        List<String> trailing = new ArrayList<>();
        while (end > start && !isWordChar(chunk.codePointBefore(end))) {
            int cp = chunk.codePointBefore(end);
            trailing.add(0, Character.toString(cp));
            end -= Character.charCount(cp);
        }
        out.addAll(mergeEllipsis(leading));
        if (start < end) {
            String core = chunk.substring(start, end);
            splitInner(core, out);
        }
        out.addAll(mergeEllipsis(trailing));
    }

    /** Splits a word core on inner punctuation other than hyphens/apostrophes/dots in numbers, then clitics. */
    private static void splitInner(String core, List<String> out) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < core.length(); i += Character.charCount(core.codePointAt(i))) {
            int c = core.codePointAt(i);
            boolean keep = isWordChar(c) || c == '-' || c == '\''
                    || (c == '.' && i > 0 && i + 1 < core.length()
                        && Character.isDigit(core.codePointBefore(i)) && Character.isDigit(core.codePointAt(i + 1)));
            if (keep) {
                word.appendCodePoint(c);
            } else {
                flushWord(word, out);
                out.add(Character.toString(c));
            }
        }
        flushWord(word, out);
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        for (String clitic : CLITICS) {
            if (w.length() > clitic.length() && w.endsWith(clitic)) {
                out.add(w.substring(0, w.length() - clitic.length()));
                out.add(clitic);
                return;
            }
        }
        out.add(w);
    }

    private static List<String> mergeEllipsis(List<String> punct) {
        if (punct.size() >= 3 && String.join("", punct).chars().allMatch(c -> c == '.')) {
            return List.of("...");
        }
        return punct;
    }
}
