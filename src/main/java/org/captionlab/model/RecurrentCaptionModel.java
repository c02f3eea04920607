package org.captionlab.model;

import org.captionlab.text.Vocabulary;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Inference-only copy of a trained decoder in plain Java float arithmetic: no native memory, immutable,
 * safe to share between threads.
 *
 * <p>Per step and hypothesis row, with {@code G = H} (RNN) or {@code 4H} (LSTM):
 * <pre>
 *   z   = u(w_{t-1}) + Whh·h_{t-1} + q(v)      u(w) = Wxh·Embedding(w)   q(v) = Wvh·v + b
 *   RNN:  h_t = tanh(z)
 *   LSTM: z = [a | f | o | i] (DL4J's block order), c_t = σ(f)∘c_{t-1} + σ(i)∘tanh(a), h_t = σ(o)∘tanh(c_t)
 *   log p(·) = log_softmax(Why·h_t + c)
 * </pre>
 * Speed: {@code q(v)} is constant over a caption and computed once per image in {@link #initialStates};
 * {@code u(w)} depends only on the word and is cached per vocabulary entry on first use; the two matrix
 * products per step ({@code Whh·h} and {@code Why·h}) are done for all rows of the state (beam hypotheses)
 * together, streaming each weight matrix once per step, in inner loops over whole rows that the JIT
 * vectorises.
 *
 * <p>The first step must feed {@link Vocabulary#START_ID}: the initial state is the zero state before
 * {@code <start>}, as in training.
 */
public final class RecurrentCaptionModel implements CaptionModel {

    private final CellType cell;
    private final Vocabulary vocabulary;
    private final int vocabSize;
    private final int embeddingSize;
    private final int featureDim;
    private final int hiddenSize;
    /** Width of the pre-activation: H for the RNN, 4H for the LSTM. */
    private final int gates;
    // Matrices as arrays of rows: the JIT (JDK 17) vectorises y[j] += a·x[j] over whole rows, but not the same
    // loop over a slice at an offset of one flat array (measured 5-8x slower).
    /** [V][E]. */
    private final float[][] embedding;
    /** Input weights of the word embedding, [E][G]. */
    private final float[][] wx;
    /** Input weights of the image feature, [F][G]. */
    private final float[][] wv;
    /** Recurrent weights, [H][G] (DL4J's layout: z = h·RW). */
    private final float[][] wh;
    private final float[] bias;
    /** Output weights, [H][V]. */
    private final float[][] why;
    private final float[] outputBias;
    /** u(w) per word, computed on first use; racing threads compute the same values. */
    private final AtomicReferenceArray<float[]> wordInput;
    /** Standardisation of the raw feature the network was trained with, or null (raw features). */
    private final FeatureNormalization normalization;

    private RecurrentCaptionModel(DecoderConfig config, Vocabulary vocabulary, float[][] embedding, float[][] wx,
                                  float[][] wv, float[][] wh, float[] bias, float[][] why, float[] outputBias) {
        this(config, vocabulary, embedding, wx, wv, wh, bias, why, outputBias, null);
    }

    private RecurrentCaptionModel(DecoderConfig config, Vocabulary vocabulary, float[][] embedding, float[][] wx,
                                  float[][] wv, float[][] wh, float[] bias, float[][] why, float[] outputBias,
                                  FeatureNormalization normalization) {
        this.cell = config.cell();
        this.vocabulary = vocabulary;
        this.vocabSize = config.vocabSize();
        this.embeddingSize = config.embeddingSize();
        this.featureDim = config.featureDim();
        this.hiddenSize = config.hiddenSize();
        this.gates = cell == CellType.LSTM ? 4 * hiddenSize : hiddenSize;
        this.embedding = embedding;
        this.wx = wx;
        this.wv = wv;
        this.wh = wh;
        this.bias = bias;
        this.why = why;
        this.outputBias = outputBias;
        this.wordInput = new AtomicReferenceArray<>(vocabSize);
        this.normalization = normalization;
    }

    /**
     * This model taking raw encoder features and standardising them with {@code stats} before the network sees
     * them (the network was trained on standardised features); weights are shared, not copied.
     */
    public RecurrentCaptionModel withFeatureNormalization(FeatureNormalization stats) {
        if (stats != null && stats.dim() != featureDim) {
            throw new IllegalArgumentException("feature statistics of " + stats.dim() + " dimensions for a decoder of "
                    + featureDim + "-d features");
        }
        return new RecurrentCaptionModel(new DecoderConfig(cell, featureDim, vocabSize, embeddingSize, hiddenSize, 0),
                vocabulary, embedding, wx, wv, wh, bias, why, outputBias, stats);
    }

    /** The standardisation applied to raw features, or null when the network takes them raw. */
    public FeatureNormalization featureNormalization() {
        return normalization;
    }

    /**
     * Builds the model from DL4J's parameter matrices.
     *
     * @param embedding    {@code [V][E]}
     * @param inputWeights {@code [E+F][G]}, rows of the embedding first (the merge order)
     * @param recurrent    {@code [H][G]}
     * @param bias         {@code [1][G]}
     * @param output       {@code [H][V]}
     * @param outputBias   {@code [1][V]}
     */
    /**
     * A model of {@code config} with random weights from {@code seed} (uniform in ±0.5): for warming up the JIT
     * compiler on the decoding code at start-up, where only the code paths matter, never the captions.
     */
    public static RecurrentCaptionModel random(DecoderConfig config, Vocabulary vocabulary, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int e = config.embeddingSize();
        int h = config.hiddenSize();
        int g = config.cell() == CellType.LSTM ? 4 * h : h;
        int v = config.vocabSize();
        return fromParameters(config, vocabulary, randomMatrix(r, v, e), randomMatrix(r, e + config.featureDim(), g),
                randomMatrix(r, h, g), randomMatrix(r, 1, g), randomMatrix(r, h, v), randomMatrix(r, 1, v));
    }

    private static float[][] randomMatrix(java.util.Random r, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextFloat() - 0.5f;
            }
        }
        return m;
    }

    /** As {@link #fromParameters}, with the six tensors in {@link DecoderWeightsFile}'s order. */
    static RecurrentCaptionModel fromTensors(DecoderConfig config, Vocabulary vocabulary, float[][][] t) {
        return fromParameters(config, vocabulary, t[0], t[1], t[2], t[3], t[4], t[5]);
    }

    static RecurrentCaptionModel fromParameters(DecoderConfig config, Vocabulary vocabulary, float[][] embedding,
                                                float[][] inputWeights, float[][] recurrent, float[][] bias,
                                                float[][] output, float[][] outputBias) {
        int e = config.embeddingSize();
        int f = config.featureDim();
        int h = config.hiddenSize();
        int g = config.cell() == CellType.LSTM ? 4 * h : h;
        int v = config.vocabSize();
        checkShape("embedding", embedding, v, e);
        checkShape("input weights", inputWeights, e + f, g);
        checkShape("recurrent weights", recurrent, h, g);
        checkShape("bias", bias, 1, g);
        checkShape("output weights", output, h, v);
        checkShape("output bias", outputBias, 1, v);
        return new RecurrentCaptionModel(config, vocabulary, rows(embedding, 0, v), rows(inputWeights, 0, e),
                rows(inputWeights, e, e + f), rows(recurrent, 0, h), bias[0].clone(), rows(output, 0, h),
                outputBias[0].clone());
    }

    private static void checkShape(String what, float[][] m, int rows, int cols) {
        if (m.length != rows || (rows > 0 && m[0].length != cols)) {
            throw new IllegalArgumentException(what + " are " + m.length + "×" + (m.length > 0 ? m[0].length : 0)
                    + ", expected " + rows + "×" + cols);
        }
    }

    /** Copies of rows {@code [fromRow, toRow)}, so that no caller can change the model afterwards. */
    private static float[][] rows(float[][] m, int fromRow, int toRow) {
        float[][] copy = new float[toRow - fromRow][];
        for (int r = fromRow; r < toRow; r++) {
            copy[r - fromRow] = m[r].clone();
        }
        return copy;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int featureDim() {
        return featureDim;
    }

    public CellType cell() {
        return cell;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    @Override
    public DecoderState initialState(float[] feature) {
        return initialStates(new float[][] {feature});
    }

    @Override
    public DecoderState initialStates(float[][] features) {
        int n = features.length;
        float[][] imageInput = new float[n][];
        float[][] h = new float[n][];
        float[][] c = cell == CellType.LSTM ? new float[n][] : null;
        for (int i = 0; i < n; i++) {
            float[] v = features[i];
            if (v.length != featureDim) {
                throw new IllegalArgumentException("image feature " + i + " has " + v.length
                        + " values, the decoder was trained on " + featureDim);
            }
            if (normalization != null) {
                v = normalization.apply(v);
            }
            float[] q = bias.clone();
            for (int k = 0; k < featureDim; k++) {
                float a = v[k];
                if (a != 0f) {   // ReLU features are sparse
                    axpy(a, wv[k], q);
                }
            }
            imageInput[i] = q;
            h[i] = new float[hiddenSize];
            if (c != null) {
                c[i] = new float[hiddenSize];
            }
        }
        return new State(imageInput, h, c);
    }

    @Override
    public Step step(DecoderState state, int[] previousTokens) {
        if (!(state instanceof State s)) {
            throw new IllegalArgumentException("state was not made by this model: " + state);
        }
        int n = s.size();
        if (previousTokens.length != n) {
            throw new IllegalArgumentException(previousTokens.length + " tokens for a state of " + n + " rows");
        }
        float[][] z = new float[n][];
        for (int r = 0; r < n; r++) {
            int token = previousTokens[r];
            if (token < 0 || token >= vocabSize) {
                throw new IllegalArgumentException("token " + token + " outside the vocabulary of " + vocabSize);
            }
            float[] zr = s.imageInput[r].clone();
            float[] u = wordInput(token);
            for (int j = 0; j < gates; j++) {
                zr[j] += u[j];
            }
            z[r] = zr;
        }
        multiplyAdd(s.h, wh, z);
        float[][] h = new float[n][];
        float[][] c = cell == CellType.LSTM ? new float[n][] : null;
        for (int r = 0; r < n; r++) {
            if (cell == CellType.RNN) {
                float[] hr = z[r];   // reuse: z is not needed after the activation
                for (int j = 0; j < hiddenSize; j++) {
                    hr[j] = (float) Math.tanh(hr[j]);
                }
                h[r] = hr;
            } else {
                float[] zr = z[r];
                float[] cPrev = s.c[r];
                float[] cr = new float[hiddenSize];
                float[] hr = new float[hiddenSize];
                int hs = hiddenSize;
                for (int j = 0; j < hs; j++) {
                    float candidate = (float) Math.tanh(zr[j]);
                    float forget = sigmoid(zr[hs + j]);
                    float out = sigmoid(zr[2 * hs + j]);
                    float in = sigmoid(zr[3 * hs + j]);
                    float cj = forget * cPrev[j] + in * candidate;
                    cr[j] = cj;
                    hr[j] = out * (float) Math.tanh(cj);
                }
                c[r] = cr;
                h[r] = hr;
            }
        }
        // logits = h·Why + c
        float[][] logProbs = new float[n][];
        for (int r = 0; r < n; r++) {
            logProbs[r] = outputBias.clone();
        }
        multiplyAdd(h, why, logProbs);
        for (float[] row : logProbs) {
            logSoftmaxInPlace(row);
        }
        return new Step(logProbs, new State(s.imageInput, h, c));
    }

    private float[] wordInput(int token) {
        float[] u = wordInput.get(token);
        if (u == null) {
            u = new float[gates];
            float[] x = embedding[token];
            for (int k = 0; k < embeddingSize; k++) {
                if (x[k] != 0f) {
                    axpy(x[k], wx[k], u);
                }
            }
            wordInput.set(token, u);
        }
        return u;
    }

    /**
     * {@code out[r] += x[r]·W} for every row {@code r}, {@code W} given by its rows. The loop over W's rows is
     * outermost so that each weight row is read once for all rows of the state (beam hypotheses) while it is in
     * the cache: a step streams each weight matrix once whatever the beam width.
     */
    private static void multiplyAdd(float[][] x, float[][] w, float[][] out) {
        for (int k = 0; k < w.length; k++) {
            float[] wk = w[k];
            for (int r = 0; r < x.length; r++) {
                float a = x[r][k];
                if (a != 0f) {
                    axpy(a, wk, out[r]);
                }
            }
        }
    }

    /** {@code y += a·x} over {@code y}'s length; a plain counted loop over whole arrays, which C2 vectorises. */
    private static void axpy(float a, float[] x, float[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[j];
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * Numerically stable: {@code (x - max) - log Σ exp(x - max)}, subtracting {@code max} first so that large
     * logits lose no precision (a float near 1000 has a resolution of 6e-5).
     */
    static void logSoftmaxInPlace(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : x) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            x[j] -= max;
            sum += Math.exp(x[j]);
        }
        float logSum = (float) Math.log(sum);
        for (int j = 0; j < x.length; j++) {
            x[j] -= logSum;
        }
    }

    @Override
    public String toString() {
        return "RecurrentCaptionModel[" + cell.id() + ", V=" + vocabSize + ", E=" + embeddingSize + ", F=" + featureDim
                + ", H=" + hiddenSize + "]";
    }

    /**
     * Rows of hypotheses. Rows are never modified after construction, so {@link #select} shares them instead of
     * copying; {@code imageInput} rows ({@code Wvh·v + b}) are shared by all states descending from one image.
     */
    private static final class State implements DecoderState {
        private final float[][] imageInput;
        private final float[][] h;
        private final float[][] c;

        State(float[][] imageInput, float[][] h, float[][] c) {
            this.imageInput = imageInput;
            this.h = h;
            this.c = c;
        }

        @Override
        public int size() {
            return h.length;
        }

        @Override
        public DecoderState select(int[] rows) {
            float[][] q = new float[rows.length][];
            float[][] hs = new float[rows.length][];
            float[][] cs = c == null ? null : new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                if (r < 0 || r >= h.length) {
                    throw new IndexOutOfBoundsException("row " + r + " of a state of " + h.length + " rows");
                }
                q[i] = imageInput[r];
                hs[i] = h[r];
                if (cs != null) {
                    cs[i] = c[r];
                }
            }
            return new State(q, hs, cs);
        }

        @Override
        public String toString() {
            return "DecoderState[" + h.length + " rows]";
        }
    }
}
