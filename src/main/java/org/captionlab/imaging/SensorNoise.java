package org.captionlab.imaging;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sensor noise: photon shot noise and read noise. A pixel of linear value v (1 = full well) collects
 * on average λ = v·N photo-electrons, N = {@code photons} (the mean count of a white pixel); the count
 * is Poisson, the readout adds Gaussian noise of σ = {@code readNoise} electrons, and the value is
 * scaled back:
 * <pre>  v' = (Poisson(v·N) + Normal(0, σ²)) / N</pre>
 * so E[v'] = v and Var[v'] = v/N + σ²/N² (SNR of a white pixel √N without read noise). Each
 * channel of each pixel draws independently, in raster order from a {@link SplittableRandom} seeded
 * with {@code seed}: the same seed gives the same image. Values are not clipped here (the sRGB
 * encoding clips).
 *
 * @param photons   mean photo-electrons of a white pixel, &gt; 0
 * @param readNoise read noise in electrons (standard deviation), ≥ 0
 * @param seed      the random seed
 */
public record SensorNoise(double photons, double readNoise, long seed) implements Degradation {

    public SensorNoise {
        if (!(photons > 0) || photons > 1e9) {
            throw new IllegalArgumentException("photon count must be in (0, 1e9], got " + photons);
        }
        if (!(readNoise >= 0) || readNoise > 1e6) {
            throw new IllegalArgumentException("read noise must be ≥ 0 electrons, got " + readNoise);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LinearImage out = new LinearImage(in.width(), in.height());
        int n = in.width() * in.height();
        float[][] src = {in.plane(0), in.plane(1), in.plane(2)};
        float[][] dst = {out.plane(0), out.plane(1), out.plane(2)};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                double lambda = Math.max(0, src[c][i]) * photons;
                double e = Poisson.sample(rnd, lambda);
                if (readNoise > 0) {
                    e += readNoise * gaussian(rnd);
                }
                dst[c][i] = (float) (e / photons);
            }
        }
        return out;
    }

    /** Standard normal (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "noise %.0f photons, read %.1f e-, seed %d", photons, readNoise, seed);
    }
}
