package org.captionlab.imaging;

import java.util.Locale;

/**
 * Resolution: a sensor with pixels {@code factor} times larger. The image is downsampled to
 * W' = max(1, round(W/k)) × H' by area averaging (each coarse pixel integrates the light falling on
 * it: {@code out(i) = (1/k) Σ_j |[j, j+1) ∩ [i·s, (i+1)·s)| · in(j)}, s = W/W', separable), then
 * brought back to W × H by bilinear interpolation with pixel centres aligned
 * ({@code x' = (x + ½)/s − ½}), as the encoder needs its input size. Factor 1 is the identity.
 *
 * @param factor the downsampling factor k ≥ 1 (need not be an integer)
 */
public record Resolution(double factor) implements Degradation {

    public Resolution {
        if (!(factor >= 1) || factor > 1000) {
            throw new IllegalArgumentException("resolution factor must be in [1, 1000], got " + factor);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        int w = in.width();
        int h = in.height();
        int w2 = Math.max(1, (int) Math.round(w / factor));
        int h2 = Math.max(1, (int) Math.round(h / factor));
        if (w2 == w && h2 == h) {
            return in.copy();
        }
        LinearImage small = new LinearImage(w2, h2);
        LinearImage out = new LinearImage(w, h);
        float[] rowTmp = new float[w2 * h];
        for (int c = 0; c < 3; c++) {
            float[] src = in.plane(c);
            for (int y = 0; y < h; y++) {
                areaResample(src, y * w, 1, w, rowTmp, y * w2, 1, w2);
            }
            float[] dst = small.plane(c);
            for (int x = 0; x < w2; x++) {
                areaResample(rowTmp, x, w2, h, dst, x, w2, h2);
            }
            bilinear(dst, w2, h2, out.plane(c), w, h);
        }
        return out;
    }

    /** 1-D area averaging of n samples (stride) into m &lt; n samples. */
    private static void areaResample(float[] src, int srcOff, int srcStride, int n,
                                     float[] dst, int dstOff, int dstStride, int m) {
        double s = (double) n / m;
        for (int i = 0; i < m; i++) {
            double lo = i * s;
            double hi = (i + 1) * s;
            double acc = 0;
            for (int j = (int) Math.floor(lo); j < Math.min(n, (int) Math.ceil(hi)); j++) {
                double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                if (overlap > 0) {
                    acc += overlap * src[srcOff + j * srcStride];
                }
            }
            dst[dstOff + i * dstStride] = (float) (acc / s);
        }
    }

    private static void bilinear(float[] src, int w2, int h2, float[] dst, int w, int h) {
        double sx = (double) w2 / w;
        double sy = (double) h2 / h;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(h2 - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(h2 - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(w2 - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(w2 - 1, x0 + 1);
                double tx = fx - x0;
                double top = src[y0 * w2 + x0] * (1 - tx) + src[y0 * w2 + x1] * tx;
                double bottom = src[y1 * w2 + x0] * (1 - tx) + src[y1 * w2 + x1] * tx;
                dst[y * w + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "resolution 1/%.2f", factor);
    }
}
