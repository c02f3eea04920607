package org.captionlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void knownBitPatterns() {
        // Reference bit patterns from IEEE 754-2008 binary16 tables.
        assertThat(Half.fromFloat(1.0f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(-2.0f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff); // largest finite half
        assertThat(Half.fromFloat(0.0f)).isEqualTo((short) 0x0000);
        assertThat(Half.fromFloat(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(Half.fromFloat(5.9604645e-8f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(Half.fromFloat(1e6f)).isEqualTo((short) 0x7c00); // overflow to +inf
        assertThat(Half.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN)))).isTrue();
    }

    @Test
    void roundsHalfToEven() {
        // 1 + 2^-11 lies exactly between 1 and 1 + 2^-10: ties go to the even mantissa (1.0).
        assertThat(Half.toFloat(Half.fromFloat(1f + 0x1p-11f))).isEqualTo(1f);
        // 1 + 3*2^-11 lies between 1+2^-10 (odd) and 1+2^-9 (even): rounds up to the even one.
        assertThat(Half.toFloat(Half.fromFloat(1f + 3 * 0x1p-11f))).isEqualTo(1f + 0x1p-9f);
    }

    @Test
    void roundTripRelativeErrorIsSmallForFeatureRange() {
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (r.nextDouble() * 12 - 6);
            float back = Half.toFloat(Half.fromFloat(v));
            assertThat((double) back).isCloseTo(v, within(Math.max(Math.abs(v) * 4.9e-4, 3e-8)));
        }
    }
}
