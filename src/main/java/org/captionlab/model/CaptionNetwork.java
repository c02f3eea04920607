package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.captionlab.util.AtomicFiles;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trainable caption decoder: a DL4J {@link ComputationGraph} computing, for every time step {@code t},
 * <pre>
 *   x_t = Embedding(w_{t-1})                                   (w_0 = &lt;start&gt;)
 *   h_t = tanh(W·[x_t; v] + Whh·h_{t-1} + b)                    (RNN; W·[x;v] = Wxh·x + Wvh·v)
 *       or the LSTM cell over the same input [x_t; v]
 *   y_t = softmax(Why·dropout(h_t) + c)
 * </pre>
 * with the image feature {@code v} fed at every step.
 *
 * <p>Graph: input {@code "words"} (previous-word indices, {@code [mb, 1, T]}) → {@link EmbeddingSequenceLayer}
 * {@code "embedding"}; input {@code "feature"} ({@code [mb, F]}) → {@link DuplicateToTimeSeriesVertex}
 * {@code "feature-seq"}; both → {@link MergeVertex} {@code "merge"} (embedding first) → {@link SimpleRnn}
 * (tanh) or {@link LSTM} {@code "rnn"} → {@link RnnOutputLayer} {@code "output"} (softmax, sparse
 * multi-class cross-entropy on word indices, so labels are {@code [mb, 1, T]} instead of one-hot
 * {@code [mb, V, T]}). Dropout is configured on the output layer, which DL4J applies to that layer's input
 * — the recurrent output — during training only.
 *
 * <p><b>Losses.</b> Everything this class returns is the <em>mean cross-entropy per predicted word</em>
 * (nats; every target counts, the final {@code <end>} included, padding excluded), so perplexity is
 * {@code exp(loss)}. The gradient DL4J follows is that of the loss summed over a caption's words and
 * averaged over the captions of the batch (DL4J's convention), plus weight decay.
 *
 * <p><b>Gradient clipping</b> uses {@link GradientNormalization#ClipL2PerLayer}: when the L2 norm of one
 * layer's whole gradient (all its parameters together) exceeds the threshold, that gradient is rescaled to
 * the threshold. Of DL4J's options this is the closest to the global-norm clipping of Pascanu et al. (2013):
 * it keeps the direction of each layer's gradient, in particular the joint direction of the recurrent
 * layer's input and recurrent weights, whose product is what explodes. {@code ClipL2PerParamType} would
 * rescale {@code W}, {@code RW} and {@code b} of the recurrent layer independently and so bend the step.
 *
 * <p><b>Truncated BPTT</b> ({@code tbpttLength > 0}) splits the sequence inputs, masks and labels into
 * chunks of that many steps; the non-sequence {@code "feature"} input is passed unchanged to every chunk
 * and the recurrent state is carried across chunks. One Adam step is taken per chunk.
 *
 * <p>Not thread-safe: one thread trains a network. {@link #toCaptionModel} takes an immutable snapshot for
 * inference. Owns native (off-heap) memory: {@link #close()} it.
 */
public final class CaptionNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionNetwork.class);

    /** Graph input of the previous-word indices. */
    public static final String INPUT_WORDS = "words";
    /** Graph input of the image feature. */
    public static final String INPUT_FEATURE = "feature";
    static final String EMBEDDING = "embedding";
    static final String FEATURE_SEQ = "feature-seq";
    static final String MERGE = "merge";
    static final String RNN = "rnn";
    static final String OUTPUT = "output";

    private final ComputationGraph graph;
    private final DecoderConfig config;
    private TrainingHyperparameters hyperparameters;
    private final FitMonitor monitor = new FitMonitor();
    private boolean closed;

    private CaptionNetwork(ComputationGraph graph, DecoderConfig config, TrainingHyperparameters hyperparameters) {
        this.graph = graph;
        this.config = config;
        this.hyperparameters = hyperparameters;
        graph.setListeners(monitor);
    }

    /** A freshly initialised network (weights drawn from {@code hyperparameters.seed()}). */
    public static CaptionNetwork create(DecoderConfig config, TrainingHyperparameters hyperparameters) {
        ComputationGraph graph = new ComputationGraph(configuration(config, hyperparameters));
        graph.init();
        LOG.debug("created {} decoder with {} parameters", config.cell().id(), graph.numParams());
        return new CaptionNetwork(graph, config, hyperparameters);
    }

    static ComputationGraphConfiguration configuration(DecoderConfig c, TrainingHyperparameters hp) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(hp.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(hp.learningRate()))
                .weightInit(WeightInit.XAVIER);
        if (hp.gradientClip() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(hp.gradientClip());
        }
        // Decoupled (AdamW) weight decay, applied after the Adam step and scaled by the learning rate, on weight
        // matrices only. Set per layer: NeuralNetConfiguration.Builder.weightDecay in M2.1 puts the WeightDecay
        // into every layer twice, doubling it (measured: factor 1 - 2·lr·λ per step).
        List<Regularization> decay = hp.weightDecay() > 0 ? List.of(new WeightDecay(hp.weightDecay(), true)) : List.of();
        int mergedInput = c.embeddingSize() + c.featureDim();
        Layer recurrent = c.cell() == CellType.RNN
                ? new SimpleRnn.Builder().nIn(mergedInput).nOut(c.hiddenSize()).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).regularization(decay).build()
                : new LSTM.Builder().nIn(mergedInput).nOut(c.hiddenSize()).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).dataFormat(RNNFormat.NCW).regularization(decay)
                        .build();
        RnnOutputLayer.Builder output = new RnnOutputLayer.Builder(new LossSparseMCXENT())
                .nIn(c.hiddenSize()).nOut(c.vocabSize()).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW);
        output.regularization(decay);
        if (c.dropout() > 0) {
            // DL4J's Dropout takes the probability of *keeping* a unit.
            output.dropOut(new Dropout(1.0 - c.dropout()));
        }
        // No setInputTypes: its type inference resets the embedding's nIn to the input's size (1). Without it,
        // every size and the sequence format (NCW: [mb, size, T]) are set explicitly.
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder()
                .addInputs(INPUT_WORDS, INPUT_FEATURE)
                .addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder()
                        .nIn(c.vocabSize()).nOut(c.embeddingSize()).hasBias(false)
                        .outputDataFormat(RNNFormat.NCW).regularization(decay).build(), INPUT_WORDS)
                .addVertex(FEATURE_SEQ, new DuplicateToTimeSeriesVertex(INPUT_WORDS), INPUT_FEATURE)
                .addVertex(MERGE, new MergeVertex(), EMBEDDING, FEATURE_SEQ)
                .addLayer(RNN, recurrent, MERGE)
                .addLayer(OUTPUT, output.build(), RNN)
                .setOutputs(OUTPUT);
        if (hp.tbpttLength() > 0) {
            g.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(hp.tbpttLength())
                    .tBPTTBackwardLength(hp.tbpttLength());
        }
        return g.build();
    }

    /** Loads a network written by {@link #save}, with its Adam state so that training can resume. */
    public static CaptionNetwork load(Path file) throws IOException {
        return load(file, true);
    }

    /**
     * Loads a network written by {@link #save}; without the updater state when it is only used for inference
     * (saves two parameter-sized arrays).
     */
    public static CaptionNetwork load(Path file, boolean withUpdaterState) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("decoder weights '" + file + "' do not exist");
        }
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), withUpdaterState);
        } catch (IOException | RuntimeException e) {
            throw new IOException("decoder weights '" + file + "' cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            return new CaptionNetwork(graph, configOf(conf), hyperparametersOf(conf));
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            graph.close();
            throw new IOException("decoder weights '" + file + "' are not a CaptionLab decoder (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the graph, its weights and its Adam state (temporary file, then move): a training checkpoint. */
    public void save(Path file) throws IOException {
        save(file, true);
    }

    /**
     * Writes the graph and its weights, with the Adam state only if asked: a model bundle for captioning
     * leaves it out, which makes the file three times smaller (Adam keeps two parameter-sized arrays).
     */
    public void save(Path file, boolean withUpdaterState) throws IOException {
        checkOpen();
        AtomicFiles.write(file, out -> ModelSerializer.writeModel(graph, out, withUpdaterState));
    }

    /** The decoder's shape. */
    public DecoderConfig config() {
        return config;
    }

    /** The optimiser settings (with the learning rate last set by {@link #setLearningRate}). */
    public TrainingHyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** Number of trainable parameters. */
    public long numParams() {
        return graph.numParams();
    }

    /** Number of parameter updates so far (one per batch, or one per chunk with truncated BPTT). */
    public int iterationCount() {
        return graph.getIterationCount();
    }

    /** Changes Adam's step size from now on (learning-rate decay), keeping the updater state. */
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        checkOpen();
        graph.setLearningRate(learningRate);
        hyperparameters = hyperparameters.withLearningRate(learningRate);
    }

    /**
     * Turns dropout off for the rest of this network's training (and in what {@link #save} writes). Self-critical
     * training needs it: its samples come from the network without dropout, and the policy gradient must be that of
     * the same policy.
     */
    public void disableDropout() {
        checkOpen();
        // The graph's configuration and the instantiated layer may hold distinct configuration objects.
        ((LayerVertex) graph.getConfiguration().getVertices().get(OUTPUT)).getLayerConf().getLayer().setIDropout(null);
        graph.getLayer(OUTPUT).conf().getLayer().setIDropout(null);
    }

    /**
     * A teacher-forcing batch: for a caption {@code w1..wn} (word indices, no markers) the input is
     * {@code <start> w1..wn} and the target {@code w1..wn <end>}. Sequences are padded to the longest one of
     * the batch and masked. A sequence longer than {@code maxLength} steps (that is, a caption of more than
     * {@code maxLength - 1} words) keeps its first {@code maxLength} steps and then has no {@code <end>}
     * target, so the network is never taught to stop where the caption did not.
     *
     * <p>Arrays: features {@code words [mb,1,T]}, {@code feature [mb,F]}; feature masks {@code [mb,T]} and
     * {@code null}; labels {@code [mb,1,T]} (indices); label mask {@code [mb,T]}.
     *
     * @throws IllegalArgumentException for mismatched lists, a feature of the wrong size, an empty caption or
     *                                  an index outside the vocabulary or equal to {@code <start>}/{@code <end>}
     */
    public MultiDataSet batch(List<float[]> features, List<int[]> captions, int maxLength) {
        if (features.size() != captions.size()) {
            throw new IllegalArgumentException(features.size() + " features but " + captions.size() + " captions");
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one caption");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be >= 1, was " + maxLength);
        }
        int mb = features.size();
        int steps = 0;
        for (int i = 0; i < mb; i++) {
            int[] caption = captions.get(i);
            validateCaption(i, caption);
            float[] f = features.get(i);
            if (f.length != config.featureDim()) {
                throw new IllegalArgumentException("feature " + i + " has " + f.length + " values, the decoder expects "
                        + config.featureDim());
            }
            steps = Math.max(steps, Math.min(caption.length + 1, maxLength));
        }
        float[][][] words = new float[mb][1][steps];
        float[][][] targets = new float[mb][1][steps];
        float[][] mask = new float[mb][steps];
        float[][] feature = new float[mb][];
        for (int i = 0; i < mb; i++) {
            int[] caption = captions.get(i);
            int length = Math.min(caption.length + 1, maxLength);
            for (int t = 0; t < length; t++) {
                words[i][0][t] = t == 0 ? Vocabulary.START_ID : caption[t - 1];
                targets[i][0][t] = t < caption.length ? caption[t] : Vocabulary.END_ID;
                mask[i][t] = 1f;
            }
            feature[i] = features.get(i);
        }
        INDArray maskArray = Nd4j.create(mask);
        // Sequences in 'f' order, as DL4J keeps them: a truncated-BPTT chunk [:, :, t0:t1] is then one contiguous
        // block, which the sparse loss's one-hot op requires (a 'c' view fails with "elementWiseStride").
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {Nd4j.create(words).dup('f'), Nd4j.create(feature)},
                new INDArray[] {Nd4j.create(targets).dup('f')},
                new INDArray[] {maskArray, null},
                new INDArray[] {maskArray.dup()});
    }

    private void validateCaption(int i, int[] caption) {
        if (caption.length == 0) {
            throw new IllegalArgumentException("caption " + i + " is empty");
        }
        for (int id : caption) {
            if (id < 0 || id >= config.vocabSize() || id == Vocabulary.START_ID || id == Vocabulary.END_ID) {
                throw new IllegalArgumentException("caption " + i + " has word index " + id + ", outside the words"
                        + " of a vocabulary of " + config.vocabSize() + " (indices " + Vocabulary.UNK_ID + ".."
                        + (config.vocabSize() - 1) + ")");
            }
        }
    }

    /** Number of predicted words (targets, {@code <end>} included) in a batch: the unmasked label steps. */
    public static long targetCount(MultiDataSet batch) {
        INDArray mask = batch.getLabelsMaskArray(0);
        return mask == null ? batch.getLabels(0).length() : Math.round(mask.sumNumber().doubleValue());
    }

    /**
     * One Adam step on the batch (one per chunk with truncated BPTT), dropout active.
     *
     * @return mean cross-entropy per predicted word of the batch under the weights before the step
     *         (regularisation excluded)
     */
    public double fit(MultiDataSet batch) {
        checkOpen();
        monitor.start(batch.getFeatures(0).size(0));
        graph.fit(batch);
        return monitor.crossEntropySum / targetCount(batch);
    }

    /**
     * One Adam step on teacher-forced captions where every predicted word of caption {@code i} has its loss multiplied
     * by {@code weights[i]}, which may be negative: the step follows {@code −Σ_i w_i Σ_t ∇ log p(w_t | w_<t, v)},
     * exactly linear in the weights (REINFORCE with advantages as weights). A caption with {@code endTarget[i]}
     * false (cut at the length limit) is not taught to stop after its last word.
     *
     * @return the weighted loss per predicted word under the weights before the step
     */
    public double fitWeighted(List<float[]> features, List<int[]> captions, double[] weights, boolean[] endTarget,
                              int maxLength) {
        checkOpen();
        if (weights.length != captions.size() || endTarget.length != captions.size()) {
            throw new IllegalArgumentException(captions.size() + " captions but " + weights.length + " weights and "
                    + endTarget.length + " end flags");
        }
        MultiDataSet plain = batch(features, captions, maxLength);
        INDArray indices = plain.getLabels(0);
        INDArray mask = plain.getLabelsMaskArray(0);
        long mb = indices.size(0);
        long steps = indices.size(2);
        float[][][] labels = new float[(int) mb][2][(int) steps];
        for (int i = 0; i < mb; i++) {
            if (!endTarget[i] && captions.get(i).length < steps) {
                mask.putScalar(i, captions.get(i).length, 0.0);
            }
            for (int t = 0; t < steps; t++) {
                labels[i][0][t] = indices.getFloat(i, 0, t);
                labels[i][1][t] = (float) weights[i];
            }
        }
        MultiDataSet weighted = new org.nd4j.linalg.dataset.MultiDataSet(plain.getFeatures(),
                new INDArray[] {Nd4j.create(labels).dup('f')}, plain.getFeaturesMaskArrays(), new INDArray[] {mask});
        org.deeplearning4j.nn.conf.layers.BaseOutputLayer output =
                (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) graph.getLayer(OUTPUT).conf().getLayer();
        ILossFunction loss = output.getLossFn();
        // Swapped for this step only: saved networks keep DL4J's own loss, so bundles stay loadable anywhere.
        output.setLossFn(WEIGHTED_LOSS);
        try {
            return fit(weighted);
        } finally {
            output.setLossFn(loss);
        }
    }

    private static final ILossFunction WEIGHTED_LOSS = new WeightedSparseCrossEntropy();

    /**
     * L2 norm of the whole gradient (all parameters) of the last {@link #fit}, before clipping; with truncated
     * BPTT the largest over its chunks. {@code NaN} before the first fit.
     */
    public double gradientNorm() {
        return monitor.maxGradientNorm;
    }

    /**
     * Mean cross-entropy per predicted word, dropout off (validation loss; perplexity = {@code exp(loss)}).
     * Probabilities are floored at 1e-10 as DL4J's training loss does, so a single impossible word costs at most
     * 23 nats instead of infinity.
     */
    public double loss(MultiDataSet batch) {
        checkOpen();
        // Computed from the outputs: ComputationGraph.scoreExamples fails in M2.1 with sparse labels
        // ("Cannot detach INDArray: Array uses leaked workspace pointer").
        INDArray probabilities = output(batch);
        INDArray labels = batch.getLabels(0);
        INDArray mask = batch.getLabelsMaskArray(0);
        long mb = labels.size(0);
        long steps = labels.size(2);
        double sum = 0;
        long count = 0;
        for (long i = 0; i < mb; i++) {
            for (long t = 0; t < steps; t++) {
                if (mask == null || mask.getDouble(i, t) != 0) {
                    long target = Math.round(labels.getDouble(i, 0, t));
                    sum -= Math.log(Math.max(probabilities.getDouble(i, target, t), MIN_PROBABILITY));
                    count++;
                }
            }
        }
        return sum / count;
    }

    /** DL4J's LossMCXENT.DEFAULT_SOFTMAX_CLIPPING_EPSILON. */
    private static final double MIN_PROBABILITY = 1e-10;

    /** Softmax outputs {@code [mb, V, T]} of the whole sequences, dropout off. */
    INDArray output(MultiDataSet batch) {
        checkOpen();
        return graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays())[0];
    }

    /**
     * The hidden-to-hidden matrix, {@code H×H}, in the convention {@code (Whh·h)_i = Σ_j Whh[i][j]·h_j}
     * (DL4J stores its transpose). For the LSTM it is the block of the cell candidate
     * {@code g_t = tanh(W_xg·x_t + W_hg·h_{t-1} + ...)}, i.e. {@code W_hg}.
     */
    public float[][] recurrentWeights() {
        checkOpen();
        int h = config.hiddenSize();
        // DL4J LSTM column blocks: [cell candidate | forget | output | input]; SimpleRnn has just one block.
        float[][] rw = graph.getLayer(RNN).getParam("RW").toFloatMatrix();
        float[][] whh = new float[h][h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                whh[i][j] = rw[j][i];
            }
        }
        return whh;
    }

    /**
     * The raw gradient (before clipping and Adam) of the next {@link #fit}, flat in DL4J's parameter order: for tests
     * that check what a loss asks of every parameter, which Adam's sign-like first step would hide.
     */
    float[] fitAndReturnGradient(MultiDataSet batch) {
        return withGradient(() -> fit(batch));
    }

    /** As {@link #fitAndReturnGradient} for {@link #fitWeighted}. */
    float[] fitWeightedAndReturnGradient(List<float[]> features, List<int[]> captions, double[] weights,
                                         boolean[] endTarget, int maxLength) {
        return withGradient(() -> fitWeighted(features, captions, weights, endTarget, maxLength));
    }

    private float[] withGradient(Runnable step) {
        monitor.keepGradient = true;
        try {
            step.run();
            return monitor.lastGradient;
        } finally {
            monitor.keepGradient = false;
        }
    }

    /** A copy of all parameters as one flat vector (DL4J's order), for tests and diagnostics. */
    public float[] parameters() {
        checkOpen();
        return graph.params().toFloatVector();
    }

    /** Immutable inference snapshot of the current weights; later training does not affect it. */
    public RecurrentCaptionModel toCaptionModel(Vocabulary vocabulary) {
        checkOpen();
        if (vocabulary.size() != config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " tokens but the decoder's output"
                    + " layer has " + config.vocabSize());
        }
        return RecurrentCaptionModel.fromTensors(config, vocabulary, inferenceTensors());
    }

    /** Copies of the weights inference uses, in {@link DecoderWeightsFile}'s order and layout. */
    float[][][] inferenceTensors() {
        checkOpen();
        return new float[][][] {param(EMBEDDING, "W"), param(RNN, "W"), param(RNN, "RW"), param(RNN, "b"),
            param(OUTPUT, "W"), param(OUTPUT, "b")};
    }

    private float[][] param(String layer, String key) {
        INDArray p = graph.getLayer(layer).getParam(key);
        return p.rank() == 1 ? new float[][] {p.toFloatVector()} : p.toFloatMatrix();
    }

    /** The wrapped graph, for tests in this package. */
    ComputationGraph graph() {
        return graph;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("caption network is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            graph.close();
        }
    }

    // ---- reading the configuration back from a saved graph -------------------------------------------

    static DecoderConfig configOf(ComputationGraphConfiguration conf) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        EmbeddingSequenceLayer embedding = (EmbeddingSequenceLayer) layer(vertices, EMBEDDING);
        Layer recurrent = layer(vertices, RNN);
        RnnOutputLayer output = (RnnOutputLayer) layer(vertices, OUTPUT);
        CellType cell;
        if (recurrent instanceof SimpleRnn) {
            cell = CellType.RNN;
        } else if (recurrent instanceof LSTM) {
            cell = CellType.LSTM;
        } else {
            throw new IllegalArgumentException("unsupported recurrent layer " + recurrent.getClass().getSimpleName());
        }
        FeedForwardLayer rnn = (FeedForwardLayer) recurrent;
        int embeddingSize = (int) embedding.getNOut();
        IDropout dropout = output.getIDropout();
        double rate = 0;
        if (dropout instanceof Dropout d) {
            // DL4J stores the keep probability; undo the float error of 1 - (1 - rate), e.g. 0.19999999999999996.
            rate = Math.round((1.0 - d.getP()) * 1e12) / 1e12;
        } else if (dropout != null) {
            throw new IllegalArgumentException("unsupported dropout " + dropout);
        }
        return new DecoderConfig(cell, (int) rnn.getNIn() - embeddingSize, (int) output.getNOut(), embeddingSize,
                (int) rnn.getNOut(), rate);
    }

    static TrainingHyperparameters hyperparametersOf(ComputationGraphConfiguration conf) {
        BaseLayer rnn = (BaseLayer) layer(conf.getVertices(), RNN);
        IUpdater updater = rnn.getIUpdater();
        if (!(updater instanceof Adam adam)) {
            throw new IllegalArgumentException("unsupported updater " + updater);
        }
        double clip = rnn.getGradientNormalization() == GradientNormalization.ClipL2PerLayer
                ? rnn.getGradientNormalizationThreshold() : 0;
        double decay = 0;
        for (Regularization r : rnn.getRegularization()) {
            if (r instanceof WeightDecay wd) {
                decay += wd.getCoeff().valueAt(0, 0);   // DL4J applies every entry: the sum is the effective decay
            }
        }
        int tbptt = conf.getBackpropType() == BackpropType.TruncatedBPTT ? conf.getTbpttFwdLength() : 0;
        return new TrainingHyperparameters(adam.getLearningRate(), clip, tbptt, decay,
                conf.getDefaultConfiguration().getSeed());
    }

    private static Layer layer(Map<String, GraphVertex> vertices, String name) {
        GraphVertex v = vertices.get(name);
        if (!(v instanceof LayerVertex lv)) {
            throw new IllegalArgumentException("no layer named '" + name + "'");
        }
        return lv.getLayerConf().getLayer();
    }

    /**
     * Observes each gradient computation, between the backward pass and the updater (so before clipping, which
     * the updater applies): records the pre-clip gradient norm and the data part of the score.
     */
    private static final class FitMonitor extends BaseTrainingListener {
        private long miniBatch;
        private double crossEntropySum;
        private double maxGradientNorm = Double.NaN;

        void start(long miniBatchSize) {
            miniBatch = miniBatchSize;
            crossEntropySum = 0;
            maxGradientNorm = Double.NaN;
        }

        /** Copy of the last gradient before clipping and the updater (for tests), when asked for. */
        private float[] lastGradient;
        private boolean keepGradient;

        @Override
        public void onGradientCalculation(Model model) {
            if (keepGradient) {
                lastGradient = model.gradient().gradient().toFloatVector();
            }
            double norm = model.gradient().gradient().norm2Number().doubleValue();
            maxGradientNorm = Double.isNaN(maxGradientNorm) ? norm : Math.max(maxGradientNorm, norm);
            // DL4J's score = (summed cross-entropy of the chunk) / miniBatch + regularisation.
            double regularisation = ((ComputationGraph) model).calcRegularizationScore(true);
            crossEntropySum += (model.score() - regularisation) * miniBatch;
        }
    }
}
