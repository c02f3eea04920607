package org.captionlab.model;

import org.captionlab.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Per-dimension standardisation of the image feature, {@code v' = (v − mean) / std}, with the mean and standard
 * deviation of the training images. Part of the model: a bundle trained on standardised features stores these
 * statistics ({@code feature-stats.txt}) and its inference model applies them, so every caller (CLI, app,
 * evaluation, label guidance) feeds raw encoder features.
 *
 * <p>Why: the pooled MobileNetV2 feature is a ReLU6 output whose dimensions differ in scale by orders of magnitude;
 * with raw {@code v} the few large dimensions dominate {@code Wvh·v} and the decoder learns a strong language prior
 * instead of looking at the image (dev CIDEr-D 0.434 → 0.475 in the PyTorch calibration of issue 13).
 *
 * <p>A dimension whose training standard deviation is below {@link #MIN_STD} (constant or almost always zero) is
 * divided by {@code MIN_STD} instead, so that a rare activation at inference time cannot blow up into a huge input.
 *
 * @param mean per-dimension mean of the training features
 * @param std  per-dimension standard deviation, each at least {@link #MIN_STD}
 */
public record FeatureNormalization(float[] mean, float[] std) {

    /** File name inside a bundle (and a training checkpoint). */
    public static final String FILE_NAME = "feature-stats.txt";
    /** Floor of a dimension's standard deviation. */
    public static final float MIN_STD = 1e-2f;
    private static final String HEADER = "# captionlab feature standardisation v1: mean<TAB>std per dimension";

    public FeatureNormalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean has " + mean.length + " values and std " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
        for (int k = 0; k < std.length; k++) {
            if (!Float.isFinite(mean[k]) || !(std[k] >= MIN_STD) || !Float.isFinite(std[k])) {
                throw new IllegalArgumentException("dimension " + k + " has mean " + mean[k] + " and std " + std[k]
                        + " (std must be finite and >= " + MIN_STD + ")");
            }
        }
    }

    /** Statistics of {@code features} (population standard deviation, floored at {@link #MIN_STD}). */
    public static FeatureNormalization fit(List<float[]> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no features to standardise");
        }
        int dim = features.get(0).length;
        double[] sum = new double[dim];
        double[] sumSq = new double[dim];
        for (float[] v : features) {
            if (v.length != dim) {
                throw new IllegalArgumentException("features of " + v.length + " and " + dim + " values");
            }
            for (int k = 0; k < dim; k++) {
                sum[k] += v[k];
                sumSq[k] += (double) v[k] * v[k];
            }
        }
        int n = features.size();
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int k = 0; k < dim; k++) {
            double m = sum[k] / n;
            double variance = Math.max(0, sumSq[k] / n - m * m);
            mean[k] = (float) m;
            std[k] = (float) Math.max(MIN_STD, Math.sqrt(variance));
        }
        return new FeatureNormalization(mean, std);
    }

    /** Dimension of the features these statistics apply to. */
    public int dim() {
        return mean.length;
    }

    /** The standardised copy of {@code v}. */
    public float[] apply(float[] v) {
        if (v.length != mean.length) {
            throw new IllegalArgumentException("feature has " + v.length + " values, the statistics " + mean.length);
        }
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (v[k] - mean[k]) / std[k];
        }
        return out;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Writes one {@code mean<TAB>std} line per dimension (exact float round trip), temporary file then move. */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int k = 0; k < mean.length; k++) {
            sb.append(Float.toString(mean[k])).append('\t').append(Float.toString(std[k])).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads a file written by {@link #write}; a malformed line is reported with the file and line number. */
    public static FeatureNormalization read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("feature statistics '" + file + "' do not exist");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> rows = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        float[] mean = new float[rows.size()];
        float[] std = new float[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            String[] parts = rows.get(k).split("\t");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException("expected 2 values, found " + parts.length);
                }
                mean[k] = Float.parseFloat(parts[0]);
                std[k] = Float.parseFloat(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("feature statistics '" + file + "': dimension " + k + " is not 'mean<TAB>std' ("
                        + e.getMessage() + ")", e);
            }
        }
        try {
            return new FeatureNormalization(mean, std);
        } catch (IllegalArgumentException e) {
            throw new IOException("feature statistics '" + file + "' are invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureNormalization other && java.util.Arrays.equals(mean, other.mean)
                && java.util.Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FeatureNormalization[%d dimensions]", mean.length);
    }
}
