package org.captionlab.imaging;

import java.util.Locale;

/**
 * Natural vignetting, the cos⁴ law: a pixel seen at field angle θ from the optical axis receives
 * {@code cos⁴θ} of the on-axis irradiance. With the image corner at {@code cornerAngleDegrees} and
 * the axis at the image centre, a pixel at distance d from the centre (corner at d_max) has
 * <pre>  tan θ = (d / d_max) · tan θ_max,    v' = v · cos⁴θ</pre>
 * 0° is the identity; 30° darkens the corners to 56 %, 45° to 25 %.
 *
 * @param cornerAngleDegrees half field of view at the image corner, in [0, 80] degrees
 */
public record Vignetting(double cornerAngleDegrees) implements Degradation {

    public Vignetting {
        if (!(cornerAngleDegrees >= 0) || cornerAngleDegrees > 80) {
            throw new IllegalArgumentException("vignetting corner angle must be in [0, 80] degrees, got " + cornerAngleDegrees);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        int w = in.width();
        int h = in.height();
        LinearImage out = new LinearImage(w, h);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double dmax = Math.max(1e-9, Math.hypot(cx, cy));
        double tanMax = Math.tan(Math.toRadians(cornerAngleDegrees));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.hypot(x - cx, y - cy) / dmax * tanMax;
                double cos2 = 1 / (1 + t * t);
                float f = (float) (cos2 * cos2);
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    out.plane(c)[i] = in.plane(c)[i] * f;
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "vignetting cos⁴, corner %.0f°", cornerAngleDegrees);
    }
}
