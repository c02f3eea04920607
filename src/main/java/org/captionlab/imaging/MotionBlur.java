package org.captionlab.imaging;

import java.util.Locale;

/**
 * Linear motion blur: the camera (or scene) moved {@code length} pixels at {@code angleDegrees}
 * (0 = horizontal, counter-clockwise) during the exposure, so the PSF is a uniform line segment
 * centred on the origin, {@code k ∝ ∫_{−L/2}^{L/2} δ(x − t·cosθ, y + t·sinθ) dt}, rasterised by
 * splatting 16 points per pixel of length bilinearly onto the grid, normalised to sum 1. Applied in
 * linear light. Length 0 is the identity.
 *
 * @param length       blur length in pixels, ≥ 0
 * @param angleDegrees direction of motion in degrees
 */
public record MotionBlur(double length, double angleDegrees) implements Degradation {

    public MotionBlur {
        if (!(length >= 0) || length > 200) {
            throw new IllegalArgumentException("motion length must be in [0, 200] pixels, got " + length);
        }
        if (!Double.isFinite(angleDegrees)) {
            throw new IllegalArgumentException("motion angle must be finite, got " + angleDegrees);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        if (length == 0) {
            return in.copy();
        }
        return kernel().convolve(in);
    }

    Kernel kernel() {
        double th = Math.toRadians(angleDegrees);
        double cx = Math.cos(th);
        double cy = -Math.sin(th); // image y points down
        int R = (int) Math.ceil(length / 2) + 1;
        int side = 2 * R + 1;
        double[] raw = new double[side * side];
        int n = Math.max(2, (int) Math.ceil(length * 16));
        for (int s = 0; s < n; s++) {
            double t = -length / 2 + length * (s + 0.5) / n;
            double x = t * cx + R;
            double y = t * cy + R;
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            add(raw, side, x0, y0, (1 - fx) * (1 - fy));
            add(raw, side, x0 + 1, y0, fx * (1 - fy));
            add(raw, side, x0, y0 + 1, (1 - fx) * fy);
            add(raw, side, x0 + 1, y0 + 1, fx * fy);
        }
        return Kernel.normalised(R, raw);
    }

    private static void add(double[] raw, int side, int x, int y, double w) {
        if (x >= 0 && y >= 0 && x < side && y < side) {
            raw[y * side + x] += w;
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "motion %.2f px at %.0f°", length, angleDegrees);
    }
}
