package org.captionlab.gui.lane;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.model.Manifest;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.Captioner;
import org.captionlab.service.Guidance;
import org.captionlab.service.GuidedCaptions;
import org.captionlab.service.ModelInfo;

/**
 * A model with its label guidance taken away, named "NAME (unguided)": the lane that puts a model's
 * unguided captions beside its guided ones in the Compare view. Everything else is the model's own.
 */
public final class UnguidedCaptioner implements Captioner {

    private final Captioner model;
    private final ModelInfo info;

    UnguidedCaptioner(Captioner model) {
        this.model = Objects.requireNonNull(model, "model");
        ModelInfo m = model.model();
        this.info = new ModelInfo(m.name() + " (unguided)", m.directory(), m.encoderId(), m.cell(), m.vocabularySize(),
                m.summary(), m.recommended(), null);
    }

    /** A factory whose models are all unguided. */
    public static CaptionerFactory of(CaptionerFactory factory) {
        return CaptionerFactory.reporting((dir, progress) -> new UnguidedCaptioner(factory.open(dir, progress)));
    }

    @Override
    public int parallelism() {
        return model.parallelism();
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public EncodedImage encode(Path image) throws IOException {
        return model.encode(image);
    }

    @Override
    public List<Caption> decode(float[] feature, DecodeOptions options) {
        return model.decode(feature, options);
    }

    @Override
    public GuidedCaptions decode(EncodedImage image, DecodeOptions options, Manifest.Guide guide) {
        return new GuidedCaptions(model.decode(image.feature(), options), Guidance.OFF);
    }

    @Override
    public void close() {
        model.close();
    }
}
