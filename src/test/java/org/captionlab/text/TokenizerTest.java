package org.captionlab.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {

    @Test
    void lowerCasesAndSplitsPunctuationOff() {
        assertThat(Tokenizer.tokenize("A dog runs, jumps and barks!"))
                .containsExactly("a", "dog", "runs", ",", "jumps", "and", "barks", "!");
        assertThat(Tokenizer.tokenize("(black) dog")).containsExactly("(", "black", ")", "dog");
    }

    @Test
    void splitsCliticsLikeThePennTreebank() {
        assertThat(Tokenizer.tokenize("The dog's ball")).containsExactly("the", "dog", "'s", "ball");
        assertThat(Tokenizer.tokenize("it can't, they're, we'll, I'm, you'd, I've"))
                .containsExactly("it", "ca", "n't", ",", "they", "'re", ",", "we", "'ll", ",", "i", "'m", ",",
                        "you", "'d", ",", "i", "'ve");
        // A bare clitic is not split into nothing.
        assertThat(Tokenizer.tokenize("'s")).containsExactly("'", "s");
    }

    @Test
    void keepsHyphensInnerApostrophesAndDecimalNumbers() {
        assertThat(Tokenizer.tokenize("a t-shirt at 3.5 o'clock")).containsExactly("a", "t-shirt", "at", "3.5", "o'clock");
        // A dot between letters or at the end is punctuation.
        assertThat(Tokenizer.tokenize("end.start 3.")).containsExactly("end", ".", "start", "3", ".");
    }

    @Test
    void mergesEllipsisAndNormalisesCurlyQuotes() {
        assertThat(Tokenizer.tokenize("wait... what")).containsExactly("wait", "...", "what");
        assertThat(Tokenizer.tokenize("\u201chello\u201d the dog\u2019s")).containsExactly("\"", "hello", "\"", "the", "dog", "'s");
        assertThat(Tokenizer.tokenize("a..")).containsExactly("a", ".", ".");
    }

    @Test
    void wordsDropPunctuation() {
        assertThat(Tokenizer.words("A man, in a red shirt, is climbing a rock.\n"))
                .containsExactly("a", "man", "in", "a", "red", "shirt", "is", "climbing", "a", "rock");
        assertThat(Tokenizer.words("the dog's toy")).containsExactly("the", "dog", "'s", "toy");
    }

    @Test
    void emptyBlankAndNullGiveNoTokens() {
        assertThat(Tokenizer.tokenize(null)).isEmpty();
        assertThat(Tokenizer.tokenize("")).isEmpty();
        assertThat(Tokenizer.tokenize(" \t\n ")).isEmpty();
        assertThat(Tokenizer.words("?! ...")).isEmpty();
    }

    @Test
    void anyUnicodeSpaceSeparatesWords() {
        assertThat(Tokenizer.words("a\u00A0dog\u2009runs\u3000fast")).containsExactly("a", "dog", "runs", "fast");
        assertThat(Tokenizer.tokenize("a\u00A0dog")).containsExactly("a", "dog");
    }

    @Test
    void combiningAccentsEqualPrecomposedLetters() {
        List<String> decomposed = Tokenizer.words("Cafe\u0301 na\u0131\u0308ve");
        assertThat(decomposed.get(0)).isEqualTo("caf\u00e9");
        assertThat(Tokenizer.words("caf\u00e9")).containsExactly("caf\u00e9");
        // A mark that has no precomposed form stays inside its word.
        assertThat(decomposed).hasSize(2);
    }

    @Test
    void charactersOutsideTheBasicPlaneAreNeverCutIntoSurrogates() {
        List<String> tokens = Tokenizer.tokenize("a dog\uD83D\uDE42 \uD840\uDC0B!");
        assertThat(tokens).containsExactly("a", "dog", "\uD83D\uDE42", "\uD840\uDC0B", "!");
        for (String t : tokens) {
            assertThat(t.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp) && cp <= 0xFFFF))
                    .as("lone surrogate in '%s'", t).isTrue();
        }
        // The emoji is punctuation (no letter); the CJK ideograph U+2000B is a word.
        assertThat(Tokenizer.words("a dog\uD83D\uDE42 \uD840\uDC0B!")).containsExactly("a", "dog", "\uD840\uDC0B");
    }

    @Test
    void isPunctuationMeansNoLetterOrDigit() {
        assertThat(Tokenizer.isPunctuation("...")).isTrue();
        assertThat(Tokenizer.isPunctuation("'s")).isFalse();
        assertThat(Tokenizer.isPunctuation("3")).isFalse();
        assertThat(Tokenizer.isPunctuation("-")).isTrue();
    }
}
