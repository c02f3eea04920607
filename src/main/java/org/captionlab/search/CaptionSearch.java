package org.captionlab.search;

import java.util.List;
import java.util.Objects;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;
import org.captionlab.text.Vocabulary;

/**
 * Turns a {@link CaptionModel} and an image feature into captions: greedy decoding, beam search
 * (n best with scores) and sampling, plus batched greedy decoding for evaluation and the
 * log-probability of a given caption. Stateless and thread-safe as far as the model is.
 *
 * <p><b>Rules shared by every strategy</b> (so that beam width 1 equals greedy and temperature → 0
 * approaches it):
 * <ul>
 *   <li>Decoding feeds {@code <start>} first, then each chosen word.</li>
 *   <li>{@code <start>} and {@code <unk>} are never emitted. {@code <unk>} stands for all rare
 *       training words at once, so it often gets more probability than any real word while
 *       meaning nothing to a reader; it is masked out of the choice. Probabilities and scores are
 *       still the model's own (not renormalised), comparable with {@link #logProbOf}.</li>
 *   <li>{@link DecodeOptions#blockRepeatNgram()} {@code = n > 0} forbids a word that would repeat
 *       an n-gram already in the caption; {@code <end>} is never blocked.</li>
 *   <li>A caption has at most {@link DecodeOptions#maxLength()} words. After that many words the
 *       decoder still gets its usual choice once more: {@code <end>} finishes the caption; anything
 *       else closes it without an end marker ({@link Caption#finished()} false, {@code endProb} 0).</li>
 *   <li>{@link Caption#tokenProbs()} holds the model probability (temperature 1) of each word and
 *       {@link Caption#endProb()} that of {@code <end>}; their product is {@link Caption#probability()}.</li>
 * </ul>
 */
public final class CaptionSearch {

    private CaptionSearch() {
    }

    /**
     * Captions one image with the strategy of {@code options}.
     *
     * <ul>
     *   <li>{@link Strategy#GREEDY}: one caption, the most likely word at each step
     *       ({@code alternatives} is ignored); score = logProb.</li>
     *   <li>{@link Strategy#BEAM}: at most {@code alternatives} distinct captions by decreasing score
     *       {@code logProb / length^alpha}, length counting the words plus the end token. Each step
     *       ranks the extensions of all live hypotheses globally; {@code beamWidth} continuations stay
     *       live and an {@code <end>} ranked above the last of them moves its caption to the complete
     *       list without taking a live slot (width 1 is exactly greedy). The search stops at
     *       {@code maxLength}, or earlier once no live hypothesis can beat the
     *       {@code alternatives}-th complete caption under the sound bound
     *       {@code logProb / (maxLength+1)^alpha} — so early stopping never changes the result. If
     *       fewer captions finished, the best ones still open at {@code maxLength} are closed and
     *       listed after the finished ones.</li>
     *   <li>{@link Strategy#SAMPLE}: {@code alternatives} captions drawn from
     *       {@code softmax(logits / temperature)}, in draw order (not sorted, duplicates possible);
     *       sample {@code i} depends only on {@code (seed, i)}; score = logProb under the model at
     *       temperature 1. Sort by {@link Caption#score()} if a ranking is wanted.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the feature does not have {@link CaptionModel#featureDim()} values
     */
    public static List<Caption> decode(CaptionModel model, float[] feature, DecodeOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        checkFeature(model, feature, -1);
        return switch (options.strategy()) {
            case GREEDY -> SinglePathDecoder.decode(model, model.initialState(feature), options.maxLength(),
                    options.blockRepeatNgram(), (row, logProbs, blocked) -> SinglePathDecoder.argmax(logProbs, blocked));
            case BEAM -> BeamSearch.search(model, feature, options);
            case SAMPLE -> Sampler.sample(model, feature, options);
        };
    }

    /**
     * Captions one image under constraints: every caption contains one phrase of each constraint
     * (constrained beam search, see {@link ConstrainedBeamSearch}). Greedy decoding is the search
     * with width 1. With no constraints the captions are exactly {@link #decode(CaptionModel, float[], DecodeOptions)}'s;
     * when no caption within the maximum length can meet any constraint, they are that too and
     * {@link ConstrainedCaptions#fellBack()} is set.
     *
     * @throws IllegalArgumentException for sampling with constraints, more than 4 constraints, or a
     *                                  feature of the wrong size
     */
    public static ConstrainedCaptions decode(CaptionModel model, float[] feature, DecodeOptions options,
                                             List<Constraint> constraints) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(constraints, "constraints");
        checkFeature(model, feature, -1);
        if (constraints.isEmpty()) {
            return new ConstrainedCaptions(decode(model, feature, options), List.of(), false);
        }
        return ConstrainedBeamSearch.search(model, feature, options, constraints);
    }

    /**
     * Greedy captions of many images decoded together, one {@link CaptionModel#step} per position
     * for all images still open (finished rows are dropped from the batch). Caption {@code i} is the
     * one {@link #decode} gives for {@code features[i]} with {@code DecodeOptions.greedy()} at this
     * maximum length, as far as the model computes a row the same in a batch as alone. The whole
     * array is one batch: callers with very many images pass chunks sized to their memory.
     *
     * @throws IllegalArgumentException if a feature does not have {@link CaptionModel#featureDim()} values
     *                                  or {@code maxLength < 1}
     */
    public static List<Caption> greedyBatch(CaptionModel model, float[][] features, int maxLength) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(features, "features");
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be >= 1, was " + maxLength);
        }
        for (int i = 0; i < features.length; i++) {
            checkFeature(model, features[i], i);
        }
        if (features.length == 0) {
            return List.of();
        }
        return SinglePathDecoder.decode(model, model.initialStates(features), maxLength, 0,
                (row, logProbs, blocked) -> SinglePathDecoder.argmax(logProbs, blocked));
    }

    /**
     * Natural-log probability under the model of the caption {@code wordIds} followed by
     * {@code <end>}: {@code Σ log p(w_t | <start>, w_1..w_{t-1}, v) + log p(<end> | ..., v)}. Nothing
     * is masked: a reference caption containing {@code <unk>} is scored as the model sees it. An
     * empty array scores the empty caption.
     *
     * @param wordIds vocabulary ids of the words, without {@code <start>} and {@code <end>}
     * @throws IllegalArgumentException if an id is a marker or outside the vocabulary, or the feature
     *                                  has the wrong size
     */
    public static double logProbOf(CaptionModel model, float[] feature, int[] wordIds) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(wordIds, "wordIds");
        checkFeature(model, feature, -1);
        int vocabSize = model.vocabulary().size();
        for (int i = 0; i < wordIds.length; i++) {
            int id = wordIds[i];
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("word id " + id + " at position " + i
                        + " is outside the vocabulary of " + vocabSize + " tokens");
            }
            if (id == Vocabulary.START_ID || id == Vocabulary.END_ID) {
                throw new IllegalArgumentException("word id " + id + " at position " + i + " is the marker "
                        + model.vocabulary().token(id) + "; pass the words only (<end> is scored automatically)");
            }
        }
        DecoderState state = model.initialState(feature);
        int previous = Vocabulary.START_ID;
        double total = 0;
        for (int t = 0; t <= wordIds.length; t++) {
            CaptionModel.Step step = ModelSteps.step(model, state, new int[]{previous}, t);
            int target = t < wordIds.length ? wordIds[t] : Vocabulary.END_ID;
            total += step.logProbs()[0][target];
            if (total == Double.NEGATIVE_INFINITY) {
                break; // impossible caption; later steps cannot change that
            }
            state = step.next();
            previous = target;
        }
        return total;
    }

    private static void checkFeature(CaptionModel model, float[] feature, int index) {
        String which = index < 0 ? "image feature" : "image feature " + index;
        if (feature == null) {
            throw new IllegalArgumentException(which + " is missing");
        }
        if (feature.length != model.featureDim()) {
            throw new IllegalArgumentException(which + " has " + feature.length + " values but the model expects "
                    + model.featureDim());
        }
    }
}
