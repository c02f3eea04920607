package org.captionlab.imaging;

import java.util.Locale;

/**
 * Exposure: the light reaching the sensor scaled by {@code gain} (exposure time × aperture area
 * relative to the reference, 2^EV), clipped at the full well:
 * <pre>  v' = min(gain · v, 1)</pre>
 * Gain 1 is the identity for images within [0, 1]; gain &gt; 1 saturates highlights, gain &lt; 1 darkens
 * (and, before {@link SensorNoise}, lowers the photon count).
 *
 * @param gain exposure multiplier, &gt; 0
 */
public record Exposure(double gain) implements Degradation {

    /** The full well in linear units. */
    public static final float FULL_WELL = 1f;

    public Exposure {
        if (!(gain > 0) || gain > 1e4) {
            throw new IllegalArgumentException("exposure gain must be in (0, 10000], got " + gain);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        LinearImage out = new LinearImage(in.width(), in.height());
        float g = (float) gain;
        for (int c = 0; c < 3; c++) {
            float[] src = in.plane(c);
            float[] dst = out.plane(c);
            for (int i = 0; i < src.length; i++) {
                dst[i] = Math.min(g * src[i], FULL_WELL);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "exposure ×%.2f", gain);
    }
}
