package org.captionlab.imaging;

import java.util.Locale;

/**
 * Loss of colour: each pixel mixed towards its luminance (Rec. 709 / sRGB primaries, linear light),
 * <pre>  Y = 0.2126·R + 0.7152·G + 0.0722·B,   c' = (1 − a)·c + a·Y</pre>
 * a = 1 is a monochrome sensor, a = 0 the identity.
 *
 * @param amount a ∈ [0, 1]
 */
public record Grayscale(double amount) implements Degradation {

    public Grayscale {
        if (!(amount >= 0) || amount > 1) {
            throw new IllegalArgumentException("grayscale amount must be in [0, 1], got " + amount);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        LinearImage out = new LinearImage(in.width(), in.height());
        float[] r = in.plane(0);
        float[] g = in.plane(1);
        float[] b = in.plane(2);
        float a = (float) amount;
        for (int i = 0; i < r.length; i++) {
            float y = 0.2126f * r[i] + 0.7152f * g[i] + 0.0722f * b[i];
            out.plane(0)[i] = (1 - a) * r[i] + a * y;
            out.plane(1)[i] = (1 - a) * g[i] + a * y;
            out.plane(2)[i] = (1 - a) * b[i] + a * y;
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "grayscale %.2f", amount);
    }
}
