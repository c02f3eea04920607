package org.captionlab.encoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ImageNet label list shared by the classifiers (one synonym set a line, "hotdog, hot dog, red hot";
 * the first name is the label) and the top-k of a probability vector over it.
 */
final class ImageNetLabels {

    /** Labels reported with each encoding. */
    static final int TOP_K = 5;

    private ImageNetLabels() {
    }

    /** The first name of every non-empty line, in order (line 0 the background). */
    static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String label = line.split(",", 2)[0].strip();
            if (!label.isEmpty()) {
                out.add(label);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("label file '" + file + "' is empty");
        }
        return out;
    }

    /**
     * The {@link #TOP_K} most probable classes of {@code probabilities}, whose entry {@code j} is class line
     * {@code j + offset} of {@code names}; ties go to the lower index.
     */
    static List<ImageLabel> top(float[] probabilities, List<String> names, int offset) {
        int[] best = new int[TOP_K];
        java.util.Arrays.fill(best, -1);
        for (int j = 0; j < probabilities.length; j++) {
            float p = probabilities[j];
            if (best[TOP_K - 1] >= 0 && p <= probabilities[best[TOP_K - 1]]) {
                continue;
            }
            int pos = TOP_K - 1;
            while (pos > 0 && (best[pos - 1] < 0 || probabilities[best[pos - 1]] < p)) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = j;
        }
        List<ImageLabel> out = new ArrayList<>(TOP_K);
        for (int k = 0; k < TOP_K && best[k] >= 0; k++) {
            int line = best[k] + offset;
            double p = Math.max(0.0, Math.min(1.0, probabilities[best[k]]));
            out.add(new ImageLabel(line < names.size() ? names.get(line) : "class " + line, p, line));
        }
        return out;
    }
}
