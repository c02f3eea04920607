package org.captionlab.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Adds plain inference weights ({@code decoder.weights}) to bundles saved before they existed:
 * {@code java -cp target/classes:target/test-classes:target/lib/* org.captionlab.model.AddInferenceWeightsMain models/default models/lstm}.
 * The shipped models got theirs this way; {@code DecoderWeightsFileTest} checks they equal {@code decoder.zip}.
 */
public final class AddInferenceWeightsMain {

    private AddInferenceWeightsMain() {
    }

    public static void main(String[] args) throws IOException {
        for (String dir : args) {
            Manifest m = ModelBundle.addInferenceWeights(Path.of(dir));
            System.err.println(dir + ": " + m.files().inference() + " " + m.files().inferenceSha256());
        }
    }
}
