package org.captionlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectralRadiusTest {

    @Test
    void diagonalMatrixGivesLargestAbsoluteEntry() {
        float[][] w = {{0.5f, 0, 0}, {0, -0.9f, 0}, {0, 0, 0.2f}};
        assertThat(SpectralRadius.of(w, 10)).isCloseTo(0.9, within(0.005));
    }

    @Test
    void scaledRotationHasComplexEigenvaluesOfModulusTheScale() {
        // 1.1 · rotation by 0.7 rad: eigenvalues 1.1·e^{±0.7i}; power iteration would oscillate here.
        double c = Math.cos(0.7) * 1.1;
        double s = Math.sin(0.7) * 1.1;
        float[][] w = {{(float) c, (float) -s}, {(float) s, (float) c}};
        assertThat(SpectralRadius.of(w, 10)).isCloseTo(1.1, within(0.005));
    }

    @Test
    void nonNormalMatrixIsNotItsNorm() {
        // Spectral norm ≈ 10, spectral radius 0.5.
        float[][] w = {{0.5f, 10f}, {0f, 0.5f}};
        assertThat(SpectralRadius.of(w, 12)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void nilpotentAndZeroMatricesHaveRadiusZero() {
        assertThat(SpectralRadius.of(new float[][] {{0, 1}, {0, 0}}, 10)).isZero();
        assertThat(SpectralRadius.of(new float[][] {{0, 0}, {0, 0}}, 10)).isZero();
    }
}
