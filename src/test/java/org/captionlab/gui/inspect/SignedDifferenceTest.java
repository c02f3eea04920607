package org.captionlab.gui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A CIDEr-D difference that rounds to zero reads "±0.000" (and is not coloured as a loss). */
class SignedDifferenceTest {

    @Test
    void differencesThatRoundToZeroHaveNoSign() {
        assertThat(InspectionViewModel.signed(-0.0001)).isEqualTo("±0.000");
        assertThat(InspectionViewModel.isZero(-0.0001)).isTrue();
        assertThat(InspectionViewModel.signed(0.0004)).isEqualTo("±0.000");
        assertThat(InspectionViewModel.signed(-0.0006)).isEqualTo("−0.001");
        assertThat(InspectionViewModel.isZero(-0.0006)).isFalse();
        assertThat(InspectionViewModel.signed(0.25)).isEqualTo("+0.250");
    }
}
