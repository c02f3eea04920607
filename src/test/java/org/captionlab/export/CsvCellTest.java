package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void negativeNumbersStayNumbersWhileTextIsNeutralised() {
        assertThat(CsvCell.decimal(-3.2).render()).isEqualTo("-3.200000");
        assertThat(CsvCell.integer(-7).render()).isEqualTo("-7");
        assertThat(CsvCell.text("-3.2").render()).isEqualTo("'-3.2");
    }

    @Test
    void decimalsAreRoundedAndIndependentOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(CsvCell.decimal(-12345.6789125).render()).isEqualTo("-12345.678913");
            assertThat(CsvCell.decimal(0.5, 2).render()).isEqualTo("0.50");
            assertThat(CsvCell.decimal(2.5, 0).render()).isEqualTo("3");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void nonFiniteNumbersAreWrittenAsJavaAndPythonParseThem() {
        assertThat(CsvCell.decimal(Double.NaN).render()).isEqualTo("NaN");
        assertThat(CsvCell.decimal(Double.NEGATIVE_INFINITY).render()).isEqualTo("-Infinity");
        assertThat(Double.parseDouble(CsvCell.decimal(Double.POSITIVE_INFINITY).render())).isInfinite();
    }

    @Test
    void rejectsNullTextAndSillyDecimals() {
        assertThatThrownBy(() -> CsvCell.text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CsvCell.decimal(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
