package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Validation messages of {@link DecodeOptions}: one sentence naming the setting and the value. */
class DecodeOptionsTest {

    private static DecodeOptions beam(int width, int alternatives, int maxLength, double alpha, int block, double temperature) {
        return new DecodeOptions(Strategy.BEAM, width, alternatives, maxLength, alpha, block, temperature, 0L);
    }

    @Test
    void rejectsBadValuesWithTheValue() {
        assertThatThrownBy(() -> new DecodeOptions(null, 1, 1, 20, 0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("strategy is required");
        assertThatThrownBy(() -> beam(0, 1, 20, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beam width must be >= 1, was 0");
        assertThatThrownBy(() -> beam(3, 0, 20, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alternatives must be >= 1, was 0");
        assertThatThrownBy(() -> beam(3, 4, 20, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alternatives (4) cannot exceed the beam width (3)");
        assertThatThrownBy(() -> beam(3, 3, 0, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("max length must be >= 1, was 0");
        assertThatThrownBy(() -> beam(3, 3, 20, -0.5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length alpha must be >= 0, was -0.5");
        assertThatThrownBy(() -> beam(3, 3, 20, 0, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("repeat n-gram size must be >= 0, was -1");
        assertThatThrownBy(() -> beam(3, 3, 20, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("temperature must be > 0, was 0.0");
        assertThatThrownBy(() -> DecodeOptions.sample(Double.NaN, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("temperature must be > 0, was NaN");
    }

    @Test
    void samplingMayDrawMoreCaptionsThanTheBeamWidth() {
        DecodeOptions options = DecodeOptions.sample(0.7, 5, 10);
        assertThat(options.alternatives()).isEqualTo(10);
        assertThat(options.beamWidth()).isEqualTo(1);
    }

    @Test
    void withersKeepTheOtherSettings() {
        DecodeOptions options = DecodeOptions.beam(5, 3).withMaxLength(12).withLengthAlpha(0.7).withBlockRepeatNgram(3);
        assertThat(options).isEqualTo(new DecodeOptions(Strategy.BEAM, 5, 3, 12, 0.7, 3, 1.0, 0L));
        assertThatThrownBy(() -> options.withMaxLength(0)).hasMessage("max length must be >= 1, was 0");
    }
}
