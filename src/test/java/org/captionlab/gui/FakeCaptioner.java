package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.image.ImageLoadException;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.model.Manifest;
import org.captionlab.service.Captioner;
import org.captionlab.service.Guidance;
import org.captionlab.service.GuidedCaptions;
import org.captionlab.service.ModelInfo;

/**
 * A deterministic captioner that counts its calls. The feature of an image is {@code [index]}, its
 * position in the encode log, so decode knows which photo it decodes; captions are "a photo of STEM"
 * and alternatives "a picture of STEM k", cut to the options' maximum length.
 */
final class FakeCaptioner implements Captioner {

    /** Every image encoded by any fake, so that a feature made by one fake can be decoded by another. */
    private static final List<Path> REGISTRY = Collections.synchronizedList(new ArrayList<>());

    final ModelInfo info;
    final List<Path> encoded = Collections.synchronizedList(new ArrayList<>());
    final List<Path> decoded = Collections.synchronizedList(new ArrayList<>());
    final List<DecodeOptions> decodeOptions = Collections.synchronizedList(new ArrayList<>());
    final Set<String> broken = ConcurrentHashMap.newKeySet();
    volatile Consumer<Path> beforeEncode = p -> { };
    /** The best caption's words for an image; by default "a photo of STEM". */
    volatile java.util.function.Function<Path, List<String>> bestWords = p -> List.of("a", "photo", "of", stem(p));
    /** The words of alternative k (k ≥ 1); by default "a picture of STEM k". */
    volatile java.util.function.BiFunction<Path, Integer, List<String>> alternativeWords =
            (p, k) -> List.of("a", "picture", "of", stem(p), Integer.toString(k));
    volatile boolean closed;

    FakeCaptioner() {
        this(new ModelInfo("default", Path.of("models/default"), "mobilenet-v2", "rnn", 2541, "test model"));
    }

    FakeCaptioner(ModelInfo info) {
        this.info = info;
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public EncodedImage encode(Path image) throws IOException {
        beforeEncode.accept(image);
        if (closed) {
            throw new IllegalStateException("captioner used after close");
        }
        String name = image.getFileName().toString();
        if (broken.contains(name)) {
            throw new ImageLoadException(image, "not a JPEG file: starts with 0x89 0x50");
        }
        encoded.add(image);
        float[] feature;
        synchronized (REGISTRY) {
            REGISTRY.add(image);
            feature = new float[] {REGISTRY.size() - 1};
        }
        List<ImageLabel> labels = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            labels.add(new ImageLabel(stem(image) + " label " + i, 0.5 / (i + 1)));
        }
        return new EncodedImage(feature, labels);
    }

    @Override
    public List<Caption> decode(float[] feature, DecodeOptions options) {
        if (closed) {
            throw new IllegalStateException("captioner used after close");
        }
        Path image = REGISTRY.get((int) feature[0]);
        decoded.add(image);
        decodeOptions.add(options);
        List<Caption> captions = new ArrayList<>();
        for (int k = 0; k < options.alternatives(); k++) {
            List<String> words = new ArrayList<>(k == 0
                    ? bestWords.apply(image)
                    : alternativeWords.apply(image, k));
            boolean cut = words.size() > options.maxLength();
            if (cut) {
                words = words.subList(0, options.maxLength());
            }
            double[] p = new double[words.size()];
            double logProb = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = 0.9 - 0.2 * i / Math.max(1, p.length) - 0.1 * k;
                logProb += Math.log(p[i]);
            }
            double end = cut ? 0 : 0.6;
            if (!cut) {
                logProb += Math.log(end);
            }
            captions.add(new Caption(words, logProb, logProb, p, end));
        }
        return Collections.unmodifiableList(captions);
    }

    /** The guidance each guided-aware decode was asked for (null: unguided), in call order. */
    final List<Manifest.Guide> guides = Collections.synchronizedList(new ArrayList<>());

    /**
     * Guided decoding as the service does it, in miniature: when the top label ("STEM label 0", 50 %) reaches
     * the threshold the best caption becomes "a STEM named", and the guidance says so.
     */
    @Override
    public GuidedCaptions decode(EncodedImage image, DecodeOptions options, Manifest.Guide guide) {
        guides.add(guide);
        List<Caption> plain = decode(image.feature(), options);
        if (guide == null) {
            return new GuidedCaptions(plain, Guidance.OFF);
        }
        ImageLabel top = image.labels().get(0);
        if (top.probability() < guide.threshold()) {
            return new GuidedCaptions(plain, Guidance.none("no label naming a thing reached "
                    + Math.round(guide.threshold() * 100) + " %"));
        }
        String thing = top.label().split(" ")[0];
        List<Caption> guided = new ArrayList<>();
        for (Caption c : plain) {
            List<String> words = new ArrayList<>(c.words());
            words.add(thing);
            double[] p = java.util.Arrays.copyOf(c.tokenProbs(), words.size());
            p[words.size() - 1] = 0.5;
            guided.add(new Caption(words, c.logProb() + Math.log(0.5), c.score(), p, c.endProb()));
        }
        return new GuidedCaptions(guided, new Guidance(List.of(top), List.of(thing), false, ""));
    }

    int encodes(Path image) {
        synchronized (encoded) {
            return (int) encoded.stream().filter(p -> p.equals(image)).count();
        }
    }

    static String stem(Path image) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
