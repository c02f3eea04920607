package org.captionlab.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DegradationsTest {

    /** A 48×40 test scene with edges, gradients and colour. */
    static LinearImage scene() {
        LinearImage img = new LinearImage(48, 40);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                int i = y * 48 + x;
                img.plane(0)[i] = x < 24 ? 0.8f : 0.1f;
                img.plane(1)[i] = y / 40f;
                img.plane(2)[i] = (float) rnd.nextDouble();
            }
        }
        return img;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 1.5, 2.7, 8})
    void discKernelSumsToOne(double radius) {
        assertThat(DefocusBlur.discKernel(radius).sum()).isCloseTo(1.0, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2, 4})
    void gaussianKernelSumsToOne(double sigma) {
        double sum = 0;
        for (float v : DefocusBlur.gaussian1d(sigma)) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 5.5, 12})
    void motionKernelSumsToOne(double length) {
        assertThat(new MotionBlur(length, 30).kernel().sum()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void discKernelIsRoundAndCentred() {
        Kernel k = DefocusBlur.discKernel(3);
        assertThat(k.at(3, 0)).isEqualTo(k.at(0, 3)).isEqualTo(k.at(-3, 0)).isEqualTo(k.at(0, -3));
        assertThat(k.at(0, 0)).isGreaterThan(0);
        assertThat(k.at(3, 3)).isZero(); // outside the disc
    }

    @Test
    void zeroRadiusAndLengthAreTheIdentity() {
        LinearImage in = scene();
        assertThat(DefocusBlur.disc(0).apply(in).sameAs(in)).isTrue();
        assertThat(new DefocusBlur(0, DefocusBlur.Shape.GAUSSIAN).apply(in).sameAs(in)).isTrue();
        assertThat(new MotionBlur(0, 45).apply(in).sameAs(in)).isTrue();
        assertThat(new Resolution(1).apply(in).sameAs(in)).isTrue();
        assertThat(new Exposure(1).apply(in).sameAs(in)).isTrue();
        assertThat(new Vignetting(0).apply(in).sameAs(in)).isTrue();
        assertThat(new Grayscale(0).apply(in).sameAs(in)).isTrue();
    }

    @Test
    void blurKeepsAConstantImageAndTheMeanAndSmoothsEdges() {
        LinearImage flat = LinearImage.constant(20, 20, 0.4f);
        LinearImage blurredFlat = DefocusBlur.disc(3).apply(flat);
        for (float v : blurredFlat.plane(1)) {
            assertThat(v).isCloseTo(0.4f, within(1e-5f));
        }
        LinearImage in = scene();
        LinearImage out = DefocusBlur.disc(2).apply(in);
        // the red step at x = 24 becomes a ramp
        assertThat(out.get(0, 23, 20)).isBetween(0.1f + 0.05f, 0.8f - 0.05f);
        assertThat(out.get(0, 5, 20)).isCloseTo(0.8f, within(1e-5f));
    }

    @Test
    void photonNoiseHasThePoissonMeanAndVariance() {
        for (double lambda : new double[] {4, 50, 400}) {
            double photons = 1000;
            float v = (float) (lambda / photons);
            LinearImage flat = LinearImage.constant(200, 200, v); // 120,000 draws
            LinearImage noisy = new SensorNoise(photons, 0, 11).apply(flat);
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int c = 0; c < 3; c++) {
                for (float x : noisy.plane(c)) {
                    double e = x * photons;
                    assertThat(Math.abs(e - Math.rint(e))).isLessThan(1e-3 * Math.max(1, e)); // whole electrons
                    sum += e;
                    sq += e * e;
                    n++;
                }
            }
            double mean = sum / n;
            double var = sq / n - mean * mean;
            // standard error of the mean √(λ/n); of the variance ≈ λ·√(2/n)
            assertThat(mean).as("mean for λ=%s", lambda).isCloseTo(lambda, within(5 * Math.sqrt(lambda / n)));
            assertThat(var).as("variance for λ=%s", lambda).isCloseTo(lambda, within(0.03 * lambda + 0.05));
        }
    }

    @Test
    void readNoiseAddsItsVariance() {
        double photons = 100;
        LinearImage noisy = new SensorNoise(photons, 5, 2).apply(LinearImage.constant(200, 200, 0.5f));
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (float x : noisy.plane(0)) {
            double e = x * photons;
            sum += e;
            sq += e * e;
            n++;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(50, within(0.2));
        assertThat(sq / n - mean * mean).isCloseTo(50 + 25, within(3.0));
    }

    @Test
    void sameSeedSameImageOtherSeedOtherImage() {
        LinearImage in = scene();
        ImagingSystem a = ImagingParameters.build(java.util.Map.of("blur", 1.5, "noise.photons", 50.0, "noise.seed", 7.0));
        ImagingSystem b = ImagingParameters.build(java.util.Map.of("blur", 1.5, "noise.photons", 50.0, "noise.seed", 7.0));
        ImagingSystem c = ImagingParameters.build(java.util.Map.of("blur", 1.5, "noise.photons", 50.0, "noise.seed", 8.0));
        assertThat(a.apply(in).sameAs(b.apply(in))).isTrue();
        assertThat(a.apply(in).sameAs(a.apply(in))).isTrue();
        assertThat(a.apply(in).sameAs(c.apply(in))).isFalse();
        assertThat(new SensorNoise(20, 2, 5).apply(in).sameAs(new SensorNoise(20, 2, 5).apply(in))).isTrue();
    }

    @Test
    void exposureClipsAtTheFullWell() {
        LinearImage in = scene();
        LinearImage out = new Exposure(4).apply(in);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < in.plane(c).length; i++) {
                float expected = Math.min(4 * in.plane(c)[i], Exposure.FULL_WELL);
                assertThat(out.plane(c)[i]).isEqualTo(expected).isLessThanOrEqualTo(1f);
            }
        }
        assertThat(out.get(0, 0, 0)).isEqualTo(1f); // 0.8 × 4 clipped
        assertThat(out.get(0, 40, 0)).isCloseTo(0.4f, within(1e-6f)); // 0.1 × 4 unclipped
        assertThat(new Exposure(0.5).apply(in).get(0, 0, 0)).isCloseTo(0.4f, within(1e-6f));
    }

    @Test
    void resolutionAveragesBlocksAndKeepsTheSize() {
        LinearImage in = scene();
        LinearImage out = new Resolution(4).apply(in);
        assertThat(out.width()).isEqualTo(48);
        assertThat(out.height()).isEqualTo(40);
        LinearImage flat = LinearImage.constant(30, 30, 0.25f);
        for (float v : new Resolution(3.3).apply(flat).plane(2)) {
            assertThat(v).isCloseTo(0.25f, within(1e-5f));
        }
        // a checkerboard of period 2 averages to grey at factor 2
        LinearImage checker = new LinearImage(16, 16);
        for (int i = 0; i < 256; i++) {
            checker.plane(0)[i] = ((i % 16) + (i / 16)) % 2 == 0 ? 1f : 0f;
        }
        for (float v : new Resolution(2).apply(checker).plane(0)) {
            assertThat(v).isCloseTo(0.5f, within(1e-5f));
        }
    }

    @Test
    void grayscaleIsLuminanceAndBayerKeepsGreyAndSamples() {
        LinearImage in = scene();
        LinearImage g = new Grayscale(1).apply(in);
        int i = 5 * 48 + 3;
        float y = 0.2126f * in.plane(0)[i] + 0.7152f * in.plane(1)[i] + 0.0722f * in.plane(2)[i];
        assertThat(g.plane(0)[i]).isCloseTo(y, within(1e-6f));
        assertThat(g.plane(2)[i]).isCloseTo(y, within(1e-6f));

        LinearImage flat = LinearImage.constant(10, 10, 0.3f);
        assertThat(new BayerMosaic(BayerMosaic.Pattern.RGGB).apply(flat).sameAs(flat)).isTrue();
        LinearImage m = new BayerMosaic(BayerMosaic.Pattern.RGGB).apply(in);
        assertThat(m.get(0, 0, 0)).isEqualTo(in.get(0, 0, 0)); // red site keeps red
        assertThat(m.get(2, 1, 1)).isEqualTo(in.get(2, 1, 1)); // blue site keeps blue
    }

    @Test
    void vignettingFollowsTheCos4Law() {
        LinearImage flat = LinearImage.constant(101, 101, 1f);
        LinearImage out = new Vignetting(30).apply(flat);
        assertThat(out.get(0, 50, 50)).isEqualTo(1f);
        double c = Math.cos(Math.toRadians(30));
        assertThat((double) out.get(0, 0, 0)).isCloseTo(c * c * c * c, within(1e-5));
    }

    @Test
    void jpegIsDeterministicAndLosesDetailAtLowQuality() {
        LinearImage in = scene();
        LinearImage a = new JpegCompression(10).apply(in);
        assertThat(a.sameAs(new JpegCompression(10).apply(in))).isTrue();
        assertThat(a.sameAs(in)).isFalse();
    }

    @Test
    void srgbRoundTripsEveryCode() {
        for (int v = 0; v < 256; v++) {
            assertThat(Srgb.encode(Srgb.decode(v))).isEqualTo(v);
        }
        assertThat(Srgb.decode(255)).isEqualTo(1f);
        assertThat(Srgb.decode(128)).isCloseTo(0.2158605f, within(1e-6f));
    }

    @Test
    void parametersOutOfRangeAreRefused() {
        assertThatThrownBy(() -> DefocusBlur.disc(-1)).hasMessageContaining("defocus radius");
        assertThatThrownBy(() -> new SensorNoise(0, 0, 1)).hasMessageContaining("photon count");
        assertThatThrownBy(() -> new Resolution(0.5)).hasMessageContaining("resolution factor");
        assertThatThrownBy(() -> new JpegCompression(0)).hasMessageContaining("JPEG quality");
        assertThatThrownBy(() -> ImagingParameters.build(java.util.Map.of("focus", 1.0)))
                .hasMessageContaining("unknown physical parameter 'focus'").hasMessageContaining("defocus.radius (blur)");
    }
}
