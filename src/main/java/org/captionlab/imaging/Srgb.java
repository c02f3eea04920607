package org.captionlab.imaging;

/**
 * The sRGB transfer function (IEC 61966-2-1): 8-bit code values ↔ linear light in [0, 1].
 *
 * <pre>
 *   decode: c = v/255;  L = c/12.92                    if c ≤ 0.04045
 *                         ((c + 0.055)/1.055)^2.4      otherwise
 *   encode: c = 12.92·L                                if L ≤ 0.0031308
 *               1.055·L^(1/2.4) − 0.055                otherwise;   v = round(255·clip(c, 0, 1))
 * </pre>
 */
public final class Srgb {

    private static final float[] DECODE = new float[256];
    /** Encoding table over linear light in steps of 1/ENCODE_STEPS (fine enough to round-trip every 8-bit code). */
    private static final int ENCODE_STEPS = 1 << 16;
    private static final byte[] ENCODE = new byte[ENCODE_STEPS + 1];

    static {
        for (int v = 0; v < 256; v++) {
            DECODE[v] = (float) decodeExact(v / 255.0);
        }
        for (int i = 0; i <= ENCODE_STEPS; i++) {
            ENCODE[i] = (byte) Math.round(255 * encodeExact((double) i / ENCODE_STEPS));
        }
    }

    private Srgb() {
    }

    /** Linear light of an 8-bit sRGB code value. */
    public static float decode(int code) {
        return DECODE[code];
    }

    /**
     * The 8-bit sRGB code value of linear light (clipped to [0, 1]). Exact at the table's points; every
     * {@link #decode}d code encodes back to itself.
     */
    public static int encode(float linear) {
        if (!(linear > 0f)) {
            return 0;
        }
        if (linear >= 1f) {
            return 255;
        }
        if (linear < 0.01f) {
            // the steep toe: compute exactly rather than from the table
            return (int) Math.round(255 * encodeExact(linear));
        }
        return ENCODE[Math.round(linear * ENCODE_STEPS)] & 0xff;
    }

    /** The transfer function on [0, 1] reals. */
    public static double decodeExact(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The inverse transfer function on [0, 1] reals. */
    public static double encodeExact(double linear) {
        double l = Math.max(0, Math.min(1, linear));
        return l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    }
}
