package org.captionlab.imaging;

/**
 * A colour filter array: each photosite keeps one channel, laid out in 2×2 tiles by {@code pattern}
 * (RGGB: red at even row and column, blue at odd row and column, green elsewhere), and the missing
 * two channels are rebuilt by bilinear demosaicing: each missing value is the mean of the same
 * channel's samples among the pixel's 8 neighbours (the 4 edge neighbours for green; for red/blue the
 * 2 horizontal, 2 vertical or 4 diagonal ones, whichever carry that channel). Known samples are kept.
 * Edges are replicated. Apply after {@link SensorNoise} to get the noise of a real CFA sensor.
 *
 * @param pattern the 2×2 layout
 */
public record BayerMosaic(Pattern pattern) implements Degradation {

    /** 2×2 layouts, read left to right, top to bottom. */
    public enum Pattern {
        RGGB(0, 1, 1, 2), BGGR(2, 1, 1, 0), GRBG(1, 0, 2, 1), GBRG(1, 2, 0, 1);

        private final int[] channel;

        Pattern(int... channel) {
            this.channel = channel;
        }

        /** The channel sampled at (x, y). */
        public int channelAt(int x, int y) {
            return channel[(y & 1) * 2 + (x & 1)];
        }
    }

    public BayerMosaic {
        if (pattern == null) {
            pattern = Pattern.RGGB;
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        int w = in.width();
        int h = in.height();
        LinearImage out = new LinearImage(w, h);
        for (int c = 0; c < 3; c++) {
            float[] src = in.plane(c);
            float[] dst = out.plane(c);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (pattern.channelAt(x, y) == c) {
                        dst[y * w + x] = src[y * w + x];
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    // prefer the 4 edge neighbours, then the 4 diagonals
                    for (int pass = 0; pass < 2 && n == 0; pass++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                boolean diagonal = dx != 0 && dy != 0;
                                if ((dx == 0 && dy == 0) || diagonal != (pass == 1)) {
                                    continue;
                                }
                                int sx = x + dx;
                                int sy = y + dy;
                                if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
                                    continue;
                                }
                                if (pattern.channelAt(sx, sy) == c) {
                                    sum += src[sy * w + sx];
                                    n++;
                                }
                            }
                        }
                    }
                    dst[y * w + x] = n == 0 ? src[y * w + x] : (float) (sum / n);
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "Bayer " + pattern + " + bilinear demosaic";
    }
}
