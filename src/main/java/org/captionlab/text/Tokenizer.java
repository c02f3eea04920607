package org.captionlab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits caption text into lower-case tokens the way Penn-Treebank-style tokenisers do (and so the
 * way pycocoevalcap's PTBTokenizer prepares captions for BLEU/ROUGE-L/CIDEr): punctuation is split
 * off as tokens of its own, clitics ({@code 's}, {@code n't}, {@code 're}, ...) are separated, and
 * hyphens or apostrophes inside a word are kept.
 *
 * <p>{@link #tokenize} keeps the punctuation tokens; {@link #words} drops them, which is what
 * training and evaluation use.
 */
public final class Tokenizer {

    /** Tokens pycocoevalcap removes after PTB tokenisation, plus other pure punctuation. */
    private static final Set<String> CLITICS = Set.of("'s", "'re", "'ve", "'ll", "'d", "'m", "n't");

    private Tokenizer() {
    }

    /** Lower-cased tokens with punctuation split off as separate tokens. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String s = text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('\u201c', '"').replace('\u201d', '"');
        for (String chunk : s.trim().split("\\s+")) {
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
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetterOrDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void splitChunk(String chunk, List<String> out) {
        int start = 0;
        int end = chunk.length();
        List<String> leading = new ArrayList<>();
        while (start < end && !Character.isLetterOrDigit(chunk.charAt(start))) {
            leading.add(String.valueOf(chunk.charAt(start)));
            start++;
        }
        List<String> trailing = new ArrayList<>();
        while (end > start && !Character.isLetterOrDigit(chunk.charAt(end - 1))) {
            trailing.add(0, String.valueOf(chunk.charAt(end - 1)));
            end--;
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
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            boolean keep = Character.isLetterOrDigit(c) || c == '-' || c == '\''
                    || (c == '.' && i > 0 && i + 1 < core.length()
                        && Character.isDigit(core.charAt(i - 1)) && Character.isDigit(core.charAt(i + 1)));
            if (keep) {
                word.append(c);
            } else {
                flushWord(word, out);
                out.add(String.valueOf(c));
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
