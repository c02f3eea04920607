package org.captionlab.imaging;

/**
 * Defocus: the image convolved with the lens's point-spread function of radius {@code radius} pixels.
 *
 * <ul>
 *   <li>{@link Shape#DISC} (geometric optics, the blur circle): {@code k(x, y) ∝ area of the pixel
 *       [x−½, x+½]×[y−½, y+½] inside the disc x² + y² ≤ r²} (8×8 sub-samples per pixel), normalised to sum 1.</li>
 *   <li>{@link Shape#GAUSSIAN} (aberrations, diffraction-like blur): {@code k(x) ∝ exp(−x²/2σ²)} separable, with
 *       σ = r/2 so that it has the disc's second moment (a uniform disc of radius r has per-axis variance r²/4);
 *       truncated at 3σ and normalised to sum 1.</li>
 * </ul>
 * Applied in linear light (blur mixes photons, not code values). Radius 0 is the identity.
 *
 * @param radius blur radius in pixels, ≥ 0
 * @param shape  the PSF's shape
 */
public record DefocusBlur(double radius, Shape shape) implements Degradation {

    /** PSF shapes. */
    public enum Shape { DISC, GAUSSIAN }

    private static final int SUBSAMPLES = 8;

    public DefocusBlur {
        if (!(radius >= 0) || radius > 100) {
            throw new IllegalArgumentException("defocus radius must be in [0, 100] pixels, got " + radius);
        }
        if (shape == null) {
            shape = Shape.DISC;
        }
    }

    /** A disc PSF. */
    public static DefocusBlur disc(double radius) {
        return new DefocusBlur(radius, Shape.DISC);
    }

    @Override
    public LinearImage apply(LinearImage in) {
        if (radius == 0) {
            return in.copy();
        }
        return shape == Shape.DISC ? discKernel(radius).convolve(in) : Kernel.convolveSeparable(in, gaussian1d(radius / 2));
    }

    /** The disc PSF of radius r (r > 0). */
    static Kernel discKernel(double r) {
        int big = (int) Math.ceil(r - 0.5 + 1e-9);
        int R = Math.max(0, big);
        int side = 2 * R + 1;
        double[] raw = new double[side * side];
        double r2 = r * r;
        for (int y = -R; y <= R; y++) {
            for (int x = -R; x <= R; x++) {
                int inside = 0;
                for (int sy = 0; sy < SUBSAMPLES; sy++) {
                    double py = y - 0.5 + (sy + 0.5) / SUBSAMPLES;
                    for (int sx = 0; sx < SUBSAMPLES; sx++) {
                        double px = x - 0.5 + (sx + 0.5) / SUBSAMPLES;
                        if (px * px + py * py <= r2) {
                            inside++;
                        }
                    }
                }
                raw[(y + R) * side + x + R] = inside;
            }
        }
        if (raw[R * side + R] == 0) {
            raw[R * side + R] = 1; // a disc smaller than one sub-sample: the identity
        }
        return Kernel.normalised(R, raw);
    }

    /** Sampled, truncated (3σ), normalised 1-D Gaussian. */
    static float[] gaussian1d(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] raw = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            raw[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += raw[i + r];
        }
        float[] k = new float[raw.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (raw[i] / sum);
        }
        return k;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "defocus %s r=%.2f px", shape.name().toLowerCase(java.util.Locale.ROOT), radius);
    }
}
