package org.captionlab.imaging;

/**
 * A normalised point-spread function on a (2R+1)×(2R+1) grid centred on the origin, and its
 * convolution with an image (edges replicated):
 * {@code out(x, y) = Σ_{i,j} k(i, j) · in(clamp(x − i), clamp(y − j))}.
 */
final class Kernel {

    private final int radius;
    private final float[] weights;

    private Kernel(int radius, float[] weights) {
        this.radius = radius;
        this.weights = weights;
    }

    /** Normalises {@code raw} (side 2R+1, row-major) to sum 1. */
    static Kernel normalised(int radius, double[] raw) {
        double sum = 0;
        for (double v : raw) {
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("kernel has no weight");
        }
        float[] w = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            w[i] = (float) (raw[i] / sum);
        }
        return new Kernel(radius, w);
    }

    int radius() {
        return radius;
    }

    int side() {
        return 2 * radius + 1;
    }

    /** Weight at offset (dx, dy), |dx|, |dy| ≤ R. */
    float at(int dx, int dy) {
        return weights[(dy + radius) * side() + dx + radius];
    }

    /** Sum of the weights (1 up to float rounding). */
    double sum() {
        double s = 0;
        for (float v : weights) {
            s += v;
        }
        return s;
    }

    LinearImage convolve(LinearImage in) {
        int w = in.width();
        int h = in.height();
        LinearImage out = new LinearImage(w, h);
        int side = side();
        // the non-zero taps, as offsets and weights
        int n = 0;
        int[] dxs = new int[weights.length];
        int[] dys = new int[weights.length];
        float[] ks = new float[weights.length];
        for (int j = -radius; j <= radius; j++) {
            for (int i = -radius; i <= radius; i++) {
                float k = weights[(j + radius) * side + i + radius];
                if (k != 0f) {
                    dxs[n] = i;
                    dys[n] = j;
                    ks[n++] = k;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            float[] src = in.plane(c);
            float[] dst = out.plane(c);
            for (int y = 0; y < h; y++) {
                boolean innerRow = y >= radius && y < h - radius;
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    if (innerRow && x >= radius && x < w - radius) {
                        int base = y * w + x;
                        for (int t = 0; t < n; t++) {
                            acc += ks[t] * src[base - dys[t] * w - dxs[t]];
                        }
                    } else {
                        for (int t = 0; t < n; t++) {
                            acc += ks[t] * src[clamp(y - dys[t], h) * w + clamp(x - dxs[t], w)];
                        }
                    }
                    dst[y * w + x] = (float) acc;
                }
            }
        }
        return out;
    }

    /** Separable convolution with the same normalised 1-D kernel along x then y. */
    static LinearImage convolveSeparable(LinearImage in, float[] k1) {
        int r = k1.length / 2;
        int w = in.width();
        int h = in.height();
        LinearImage tmp = new LinearImage(w, h);
        LinearImage out = new LinearImage(w, h);
        for (int c = 0; c < 3; c++) {
            float[] src = in.plane(c);
            float[] mid = tmp.plane(c);
            float[] dst = out.plane(c);
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int i = -r; i <= r; i++) {
                        acc += k1[i + r] * src[row + clamp(x - i, w)];
                    }
                    mid[row + x] = (float) acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int j = -r; j <= r; j++) {
                        acc += k1[j + r] * mid[clamp(y - j, h) * w + x];
                    }
                    dst[y * w + x] = (float) acc;
                }
            }
        }
        return out;
    }

    static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
