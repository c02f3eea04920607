package org.captionlab.imaging;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson random numbers from a seeded {@link SplittableRandom}: multiplication of uniforms (Knuth) for
 * λ &lt; 10, and Hörmann's transformed rejection with squeeze (PTRS, "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993) for λ ≥ 10, the
 * method NumPy uses. Both are exact samplers.
 */
final class Poisson {

    private Poisson() {
    }

    static long sample(SplittableRandom rnd, double lambda) {
        if (!(lambda > 0)) {
            return 0;
        }
        return lambda < 10 ? knuth(rnd, lambda) : ptrs(rnd, lambda);
    }

    private static long knuth(SplittableRandom rnd, double lambda) {
        double limit = Math.exp(-lambda);
        double p = rnd.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    private static long ptrs(SplittableRandom rnd, double lambda) {
        double slam = Math.sqrt(lambda);
        double loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rnd.nextDouble() - 0.5;
            double v = rnd.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -lambda + k * loglam - Gamma.logGamma(k + 1.0)) {
                return k;
            }
        }
    }
}
