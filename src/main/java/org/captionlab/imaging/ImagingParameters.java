package org.captionlab.imaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Named physical parameters ("knobs") and the chain a set of their values makes, so that sweeps,
 * the optimiser and the app's sliders speak the same language ({@code blur=3 noise.photons=200}).
 *
 * <p>A stage is in the chain when one of its knobs is given (its other knobs take their defaults) and
 * it changes the image: a blur of radius 0, a resolution factor of 1, a gain of 1, no vignetting or no
 * desaturation leave the stage out, so the clean end of every sweep is {@link ImagingSystem#IDEAL}.
 * Stages are ordered as light meets them: vignetting → defocus → motion → exposure → noise → Bayer
 * mosaic → resolution → grayscale → JPEG (so photon noise is per photosite, a coarser resolution bins
 * it, and JPEG compresses the finished image).
 */
public final class ImagingParameters {

    /**
     * One knob.
     *
     * @param name         canonical name ({@code defocus.radius})
     * @param alias        short name ({@code blur}), or null
     * @param label        for people ("defocus radius (px)")
     * @param min          lowest sensible value
     * @param max          highest sensible value
     * @param neutral      the value that leaves the image unchanged (or the default when it is not a
     *                     degradation strength, e.g. the seed)
     * @param logScale     true when the knob is best varied on a log scale (photon counts)
     * @param integer      true when only whole values make sense
     */
    public record Knob(String name, String alias, String label, double min, double max, double neutral,
                       boolean logScale, boolean integer) {
    }

    /** The knobs, in chain order. */
    public static final List<Knob> KNOBS = List.of(
            new Knob("vignetting.angle", "vignetting", "vignetting corner angle (°)", 0, 60, 0, false, false),
            new Knob("defocus.radius", "blur", "defocus blur radius (px)", 0, 8, 0, false, false),
            new Knob("defocus.gaussian", null, "Gaussian PSF instead of a disc (0/1)", 0, 1, 0, false, true),
            new Knob("motion.length", "motion", "motion blur length (px)", 0, 20, 0, false, false),
            new Knob("motion.angle", null, "motion direction (°)", 0, 180, 0, false, false),
            new Knob("exposure.gain", "exposure", "exposure gain (×)", 0.125, 8, 1, true, false),
            new Knob("noise.photons", "photons", "photons per white pixel", 1, 10000, 10000, true, false),
            new Knob("noise.read", null, "read noise (e⁻)", 0, 20, 0, false, false),
            new Knob("noise.seed", null, "noise seed", 0, 1_000_000, 1, false, true),
            new Knob("bayer", null, "Bayer mosaic + demosaic (0/1)", 0, 1, 0, false, true),
            new Knob("resolution.factor", "resolution", "resolution: downsampling factor", 1, 16, 1, true, false),
            new Knob("grayscale.amount", "grayscale", "grayscale amount (0..1)", 0, 1, 0, false, false),
            new Knob("jpeg.quality", "jpeg", "JPEG quality", 1, 100, 100, false, true));

    private ImagingParameters() {
    }

    /** The knob named {@code name} (canonical or alias). */
    public static Optional<Knob> knob(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return KNOBS.stream().filter(k -> k.name().equals(n) || n.equals(k.alias())).findFirst();
    }

    /**
     * The knob named {@code name}.
     *
     * @throws IllegalArgumentException naming the known knobs when there is none
     */
    public static Knob require(String name) {
        return knob(name).orElseThrow(() -> new IllegalArgumentException("unknown physical parameter '" + name
                + "'; known: " + String.join(", ", names())));
    }

    /** Canonical names, with aliases in parentheses. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Knob k : KNOBS) {
            out.add(k.alias() != null ? k.name() + " (" + k.alias() + ")" : k.name());
        }
        return out;
    }

    /** Values by canonical name (aliases resolved; later values of the same knob win). */
    public static Map<String, Double> canonical(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(require(k).name(), v));
        return out;
    }

    /**
     * The chain made by these knob values (canonical names or aliases).
     *
     * @throws IllegalArgumentException for an unknown name or a value out of a stage's range
     */
    public static ImagingSystem build(Map<String, Double> values) {
        Map<String, Double> v = canonical(values);
        List<Degradation> stages = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Degradation d) {
                return !isIdentity(d) && super.add(d);
            }
        };
        if (has(v, "vignetting.")) {
            stages.add(new Vignetting(get(v, "vignetting.angle")));
        }
        if (has(v, "defocus.")) {
            stages.add(new DefocusBlur(get(v, "defocus.radius"),
                    get(v, "defocus.gaussian") >= 0.5 ? DefocusBlur.Shape.GAUSSIAN : DefocusBlur.Shape.DISC));
        }
        if (has(v, "motion.")) {
            stages.add(new MotionBlur(get(v, "motion.length"), get(v, "motion.angle")));
        }
        if (has(v, "exposure.")) {
            stages.add(new Exposure(get(v, "exposure.gain")));
        }
        if (has(v, "noise.")) {
            stages.add(new SensorNoise(get(v, "noise.photons"), get(v, "noise.read"), Math.round(get(v, "noise.seed"))));
        }
        if (v.containsKey("bayer") && v.get("bayer") >= 0.5) {
            stages.add(new BayerMosaic(BayerMosaic.Pattern.RGGB));
        }
        if (has(v, "resolution.")) {
            stages.add(new Resolution(get(v, "resolution.factor")));
        }
        if (has(v, "grayscale.")) {
            stages.add(new Grayscale(get(v, "grayscale.amount")));
        }
        if (has(v, "jpeg.")) {
            stages.add(new JpegCompression((int) Math.round(get(v, "jpeg.quality"))));
        }
        return new ImagingSystem(List.copyOf(stages));
    }

    /** True for a stage that leaves every image in [0, 1] unchanged. */
    static boolean isIdentity(Degradation d) {
        return d instanceof Vignetting v && v.cornerAngleDegrees() == 0
                || d instanceof DefocusBlur b && b.radius() == 0
                || d instanceof MotionBlur m && m.length() == 0
                || d instanceof Exposure e && e.gain() == 1
                || d instanceof Resolution r && r.factor() == 1
                || d instanceof Grayscale g && g.amount() == 0;
    }

    private static boolean has(Map<String, Double> v, String prefix) {
        return v.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    private static double get(Map<String, Double> v, String name) {
        Double value = v.get(name);
        return value != null ? value : require(name).neutral();
    }
}
