package org.captionlab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.model.CaptionNetwork;
import org.captionlab.model.CellType;
import org.captionlab.model.DecoderConfig;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.model.TrainingHyperparameters;
import org.captionlab.text.Vocabulary;
import org.captionlab.util.Hashing;

/** Small model bundles made by tests (untrained decoders over a tiny vocabulary). */
public final class TestBundles {

    private TestBundles() {
    }

    /** A randomly initialised bundle for the shared MobileNetV2 weights. */
    public static Path mobileNetBundle(Path dir) throws IOException {
        return bundle(dir, "mobilenet-v2", Hashing.sha256(SharedAssets.mobileNetWeights()), 1280, 7L);
    }

    /** A randomly initialised bundle for any encoder. */
    public static Path bundle(Path dir, String encoderId, String encoderSha, int featureDim, long seed) throws IOException {
        Vocabulary vocabulary = Vocabulary.fromCaptions(List.of(
                "a dog runs on the grass", "a black dog jumps over a fence", "two children play in the water",
                "a man rides a bike down the street", "a bird sits on a branch", "a girl in a red dress smiles"), 1);
        DecoderConfig config = new DecoderConfig(CellType.RNN, featureDim, vocabulary.size(), 16, 32, 0.0);
        try (CaptionNetwork network = CaptionNetwork.create(config, TrainingHyperparameters.defaults().withSeed(seed))) {
            Manifest manifest = Manifest.create(dir.getFileName().toString(), "test",
                    new Manifest.Encoder(encoderId, featureDim, encoderSha), config);
            ModelBundle.save(dir, manifest, vocabulary, network);
        }
        return dir;
    }
}
