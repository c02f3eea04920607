package org.captionlab.eval;

import java.util.List;
import java.util.Objects;

/**
 * One image's candidate caption and its reference captions, already tokenised: the unit the metric
 * functions ({@link Bleu}, {@link RougeL}, {@link CiderD}) score.
 *
 * <p>pycocoevalcap's scorers receive each caption as one string of tokens joined by single spaces and
 * split it again ({@code str.split()} or {@code str.split(" ")}). To keep our lists exactly equivalent
 * to such strings, every token must be non-empty and free of whitespace. A token list may be empty
 * (a caption that tokenised to nothing); the metrics then do what pycocoevalcap does with an empty
 * string.
 *
 * @param candidate  the candidate caption's tokens (may be empty)
 * @param references the reference captions' tokens, at least one reference (pycocoevalcap asserts
 *                   {@code len(ref) > 0})
 */
public record TokenizedCaptions(List<String> candidate, List<List<String>> references) {

    public TokenizedCaptions {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(references, "references");
        candidate = List.copyOf(candidate);
        references = references.stream().map(List::copyOf).toList();
        if (references.isEmpty()) {
            throw new IllegalArgumentException("at least one reference caption is needed, got none");
        }
        checkTokens(candidate, "candidate");
        for (int r = 0; r < references.size(); r++) {
            checkTokens(references.get(r), "reference " + (r + 1));
        }
    }

    private static void checkTokens(List<String> tokens, String what) {
        for (String token : tokens) {
            boolean hasSpace = token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
            if (token.isEmpty() || hasSpace) {
                throw new IllegalArgumentException(
                        what + " has token '" + token + "': tokens must be non-empty and contain no whitespace");
            }
        }
    }
}
