package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1", "\r=1",
        "=", "-"})
    void formulaStartsArePrefixedWithAQuote(String cell) {
        assertThat(CsvSafety.isFormulaLike(cell)).isTrue();
        assertThat(CsvSafety.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a dog = a cat", " =1", "'=1", "3.2", "caf\u00e9", "\"=1\"", "\n=1", "#1"})
    void otherCellsAreLeftAsTheyAre(String cell) {
        assertThat(CsvSafety.isFormulaLike(cell)).isFalse();
        assertThat(CsvSafety.neutralise(cell)).isSameAs(cell);
    }
}
