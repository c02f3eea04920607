package org.captionlab.encoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;
import org.captionlab.image.ImageConversions;
import org.captionlab.image.ImageResizer;
import org.captionlab.util.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageNet MobileNetV2 1.0/224 (uint8 quantized TFLite) as an encoder: the feature is the 1280-d
 * global average pool before the classifier ({@code MobilenetV2/Logits/AvgPool}, dequantized), and
 * the same forward pass gives the top-5 ImageNet labels.
 *
 * <p>The whole image is squashed to 224×224 (no crop), matching how the Flickr8k training images
 * were prepared.
 *
 * <p><b>Speed.</b> One single-threaded TFLite interpreter per concurrent caller, up to {@code interpreters}
 * (one per core by default), all sharing the verified model bytes: a second thread inside one interpreter
 * barely helps a network of this size, while one interpreter per core scales almost linearly. Each
 * interpreter runs the graph through the XNNPACK delegate with its quantized (QS8/QU8) kernels when the
 * native library has it ({@link Kernels#XNNPACK}, the default): several times faster than TFLite's
 * built-in uint8 kernels, but not bit-identical to them (features differ by about 1–2 quantization steps
 * on average). {@link Kernels#REFERENCE} keeps the built-in kernels. Thread-safe; {@link #close()} frees
 * the native interpreters and must not race with {@link #encode}.
 */
public final class MobileNetV2Encoder implements ImageEncoder {

    /** Encoder id written into model manifests. */
    public static final String ID = "mobilenet-v2";
    /** Length of the pooled feature. */
    public static final int FEATURE_DIM = 1280;
    /** Side of the square RGB input. */
    public static final int INPUT_SIZE = 224;
    /** Name of the pooled-feature tensor inside the TFLite graph. */
    static final String FEATURE_TENSOR = "MobilenetV2/Logits/AvgPool";
    /** Number of labels reported with each encoding. */
    public static final int TOP_K = 5;
    /** File name of the label list, expected beside the weights. */
    public static final String LABELS_FILE_NAME = "imagenet_labels.txt";
    /**
     * Environment variable choosing the kernels ({@code xnnpack} or {@code reference}); the system property
     * {@code captionlab.encoder.kernels} wins over it.
     */
    public static final String KERNELS_ENV = "CAPTIONLAB_ENCODER_KERNELS";

    private static final Logger LOG = LoggerFactory.getLogger(MobileNetV2Encoder.class);

    /** Which implementation of the quantized operators runs the graph. */
    public enum Kernels {
        /** TFLite's built-in uint8 kernels (the features the shipped models' caches were computed with). */
        REFERENCE,
        /** The XNNPACK delegate's quantized kernels; falls back to {@link #REFERENCE} where unavailable. */
        XNNPACK;

        /** The kernels asked for by {@value #KERNELS_ENV} / {@code captionlab.encoder.kernels}, else XNNPACK. */
        public static Kernels configured() {
            String v = System.getProperty("captionlab.encoder.kernels", System.getenv(KERNELS_ENV));
            if (v == null || v.isBlank()) {
                return XNNPACK;
            }
            try {
                return valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                LOG.warn("unknown encoder kernels '{}' (expected xnnpack or reference): using xnnpack", v);
                return XNNPACK;
            }
        }
    }

    // Strong references for the interpreters' whole life: an interpreter points into the model's buffer
    // and the resolver; if any of these Java objects were collected, JavaCPP's deallocator would free
    // native memory still in use and the JVM would crash.
    private BytePointer modelBytes; // the verified bytes: a FlatBufferModel built from a buffer points into it
    private FlatBufferModel model;
    private BuiltinOpResolver resolver;

    private final Path weights;
    private final String weightsSha256;
    private final List<String> labels;
    private final int maxInterpreters;
    private final Kernels kernels;
    /** Interpreters not in use; a caller takes one, or makes one while fewer than the maximum exist. */
    private final BlockingDeque<Instance> idle = new LinkedBlockingDeque<>();
    private final List<Instance> all = new ArrayList<>();
    private boolean closed;
    private float featureScale;
    private int featureZeroPoint;
    private float softmaxScale;
    private int softmaxZeroPoint;
    private volatile boolean xnnpackActive;

    /** One interpreter with its own input/output buffers; used by one thread at a time. */
    private final class Instance {
        private InterpreterBuilder builder;
        private Interpreter interpreter;
        private XnnPackDelegate delegate;
        private final int featureIndex;
        private final int softmaxIndex;
        private final int inputIndex;
        private final byte[] featureBytes = new byte[FEATURE_DIM];
        private final byte[] softmaxBytes;

        Instance() throws IOException {
            boolean ok = false;
            try {
                builder = new InterpreterBuilder(model, resolver);
                interpreter = new Interpreter((Pointer) null);
                if (builder.apply(interpreter) != tensorflowlite.kTfLiteOk || isNull(interpreter)) {
                    throw new IOException("encoder weights '" + weights + "': TFLite could not build an interpreter");
                }
                inputIndex = singleIndex(interpreter.inputs(), "input", weights);
                softmaxIndex = singleIndex(interpreter.outputs(), "output", weights);
                featureIndex = findTensor(interpreter, FEATURE_TENSOR);
                if (featureIndex < 0) {
                    throw new IOException("encoder weights '" + weights + "': no tensor named '" + FEATURE_TENSOR
                            + "' (is this the MobileNetV2 1.0/224 quantized model?)");
                }
                // The pooled feature is an intermediate tensor: the arena planner would reuse its memory
                // for later ops, so it is declared a graph output before allocation, which keeps its
                // buffer intact after Invoke (and makes the delegate produce it too).
                if (interpreter.SetOutputs(new int[] {softmaxIndex, featureIndex}) != tensorflowlite.kTfLiteOk) {
                    throw new IOException("encoder weights '" + weights + "': TFLite could not set the outputs");
                }
                interpreter.SetNumThreads(1);
                if (kernels == Kernels.XNNPACK) {
                    delegate = XnnPackDelegate.create(tensorflowlite.class);
                    if (delegate != null && interpreter.ModifyGraphWithDelegate(delegate.pointer()) != tensorflowlite.kTfLiteOk) {
                        LOG.warn("the XNNPACK delegate refused the MobileNetV2 graph: using TFLite's built-in kernels");
                        delegate.close();
                        delegate = null;
                    }
                    xnnpackActive = delegate != null;
                }
                if (interpreter.AllocateTensors() != tensorflowlite.kTfLiteOk) {
                    throw new IOException("encoder weights '" + weights + "': TFLite could not allocate tensors");
                }
                TfLiteTensor input = interpreter.tensor(inputIndex);
                requireShape(input, new int[] {1, INPUT_SIZE, INPUT_SIZE, 3}, tensorflowlite.kTfLiteUInt8, weights);
                TfLiteTensor feature = interpreter.tensor(featureIndex);
                requireShape(feature, new int[] {1, 1, 1, FEATURE_DIM}, tensorflowlite.kTfLiteUInt8, weights);
                TfLiteTensor softmax = interpreter.tensor(softmaxIndex);
                int classes = elementCount(softmax);
                if (softmax.type() != tensorflowlite.kTfLiteUInt8 || classes != labels.size()) {
                    throw new IOException("encoder weights '" + weights + "': output has " + classes
                            + " classes but the label file has " + labels.size() + " lines");
                }
                softmaxBytes = new byte[classes];
                featureScale = feature.params().scale();
                featureZeroPoint = feature.params().zero_point();
                softmaxScale = softmax.params().scale();
                softmaxZeroPoint = softmax.params().zero_point();
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        EncodedImage encode(byte[] rgb) {
            // Typed byte accessors return null for uint8 tensors in these bindings: use data().uint8().
            BytePointer in = interpreter.tensor(inputIndex).data().uint8();
            in.put(rgb, 0, rgb.length);
            int status = interpreter.Invoke();
            if (status != tensorflowlite.kTfLiteOk) {
                throw new IllegalStateException("TFLite Invoke failed with status " + status);
            }
            interpreter.tensor(featureIndex).data().uint8().get(featureBytes, 0, FEATURE_DIM);
            interpreter.tensor(softmaxIndex).data().uint8().get(softmaxBytes, 0, softmaxBytes.length);
            float[] feature = new float[FEATURE_DIM];
            for (int i = 0; i < FEATURE_DIM; i++) {
                feature[i] = featureScale * ((featureBytes[i] & 0xFF) - featureZeroPoint);
            }
            return new EncodedImage(feature, topLabels(softmaxBytes));
        }

        void close() {
            // The interpreter first (it uses the delegate), then the delegate, then the builder.
            if (interpreter != null) {
                interpreter.close();
                interpreter = null;
            }
            if (delegate != null) {
                delegate.close();
                delegate = null;
            }
            if (builder != null) {
                builder.close();
                builder = null;
            }
        }
    }

    private MobileNetV2Encoder(Path weights, byte[] bytes, List<String> labels, String weightsSha256, int interpreters,
                               Kernels kernels) throws IOException {
        this.weights = weights;
        this.labels = labels;
        this.weightsSha256 = weightsSha256;
        this.maxInterpreters = interpreters;
        this.kernels = kernels;
        boolean ok = false;
        try {
            // Built from the very bytes that were hashed (never from the file again, which could have
            // changed since), after the FlatBuffer verifier checked every offset in them.
            modelBytes = new BytePointer(bytes.length);
            modelBytes.put(bytes, 0, bytes.length);
            model = FlatBufferModel.VerifyAndBuildFromBuffer(modelBytes, bytes.length);
            if (isNull(model) || !model.initialized()) {
                throw new EncoderWeightsException("encoder weights '" + weights + "' are not a valid TFLite model"
                        + " (its FlatBuffer structure failed verification): use the original "
                        + EncoderWeights.MODEL_FILE + " (" + EncoderWeights.MODEL_URL + ")");
            }
            // Without default delegates: which delegate runs is this class's decision (see Kernels).
            resolver = new BuiltinOpResolverWithoutDefaultDelegates();
            // The first interpreter is made now so that a bad model fails here, not at the first photo.
            Instance first = new Instance();
            all.add(first);
            idle.add(first);
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
        LOG.info("MobileNetV2 encoder ready ({} classes, feature scale {} zero point {}, up to {} interpreters, {} kernels)",
                labels.size(), featureScale, featureZeroPoint, interpreters, xnnpackActive ? "XNNPACK" : "built-in");
    }

    /**
     * Opens the model with the label list {@value #LABELS_FILE_NAME} beside it, up to one interpreter per core.
     *
     * @throws IOException if either file is missing or not the expected model
     */
    public static MobileNetV2Encoder open(Path weights) throws IOException {
        return open(weights, weights.toAbsolutePath().resolveSibling(LABELS_FILE_NAME), 0);
    }

    /**
     * Opens the model.
     *
     * @param weights the {@code .tflite} file
     * @param labels the label list, one synonym set per line ("hotdog, hot dog, red hot"), line 0 = background
     * @param numThreads most interpreters run at once (each single-threaded); 0 or less means one per processor
     * @throws IOException if either file is missing or not the expected model
     */
    public static MobileNetV2Encoder open(Path weights, Path labels, int numThreads) throws IOException {
        return open(weights, labels, numThreads, WeightsCheck.PINNED);
    }

    /** Largest weights file read (the MobileNetV2 model is 3.6 MB). */
    static final long MAX_WEIGHTS_BYTES = 256L << 20;

    /**
     * Opens the model after checking its bytes: they are read once, their SHA-256 is compared with
     * {@code check}'s, and TFLite only ever sees bytes that match (or, with
     * {@link WeightsCheck#allowUnverified()}, bytes that passed its FlatBuffer verifier).
     *
     * @throws EncoderWeightsException if the SHA-256 does not match and unverified weights are not allowed,
     *     or the FlatBuffer verifier refuses the bytes
     * @throws IOException if either file is missing or not the expected model
     */
    public static MobileNetV2Encoder open(Path weights, Path labels, int numThreads, WeightsCheck check)
            throws IOException {
        return open(weights, labels, numThreads, check, Kernels.configured());
    }

    /** As {@link #open(Path, Path, int, WeightsCheck)}, with the kernels chosen by the caller. */
    public static MobileNetV2Encoder open(Path weights, Path labels, int numThreads, WeightsCheck check, Kernels kernels)
            throws IOException {
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(labels, "labels");
        if (!Files.isRegularFile(weights)) {
            throw new IOException("encoder weights '" + weights + "' do not exist");
        }
        if (!Files.isRegularFile(labels)) {
            throw new IOException("label file '" + labels + "' does not exist (it belongs beside the encoder weights)");
        }
        List<String> labelList = readLabels(labels);
        long size = Files.size(weights);
        if (size > MAX_WEIGHTS_BYTES) {
            throw new EncoderWeightsException("encoder weights '" + weights + "' are " + size
                    + " bytes, far more than a MobileNetV2 model: pass the " + EncoderWeights.MODEL_FILE + " file");
        }
        byte[] bytes = Files.readAllBytes(weights);
        String sha = Hashing.sha256(bytes);
        if (!sha.equalsIgnoreCase(check.expected())) {
            if (!check.allowUnverified()) {
                boolean pinned = check.expected().equalsIgnoreCase(EncoderWeights.MODEL_SHA256);
                throw new EncoderWeightsException("encoder weights '" + weights + "' are not "
                        + (check.model() != null ? "the ones model '" + check.model() + "' was trained with" : "the expected file")
                        + " (SHA-256 " + shortSha(sha) + "… instead of " + shortSha(check.expected())
                        + "…), so they may be damaged or another model: pass the "
                        + (pinned ? "original " + EncoderWeights.MODEL_FILE + " (" + EncoderWeights.MODEL_URL + ")"
                                  : "weights the model was trained with")
                        + ", or add --unverified-weights to try these anyway");
            }
            LOG.warn("encoder weights '{}' have SHA-256 {} instead of {}; used because unverified weights were allowed"
                    + " (after FlatBuffer verification)", weights, sha, check.expected());
        }
        int threads = numThreads > 0 ? numThreads : Runtime.getRuntime().availableProcessors();
        return new MobileNetV2Encoder(weights, bytes, labelList, sha, threads, kernels);
    }

    private static List<String> readLabels(Path labels) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
            // Lines are WordNet synonym sets ("hotdog, hot dog, red hot"): the first name is the label.
            String label = line.split(",", 2)[0].strip();
            if (!label.isEmpty()) {
                out.add(label);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("label file '" + labels + "' is empty");
        }
        return List.copyOf(out);
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@value #ID}, or {@code mobilenet-v2-xnnpack} when XNNPACK's kernels (other rounding) make the features. */
    @Override
    public String cacheKey() {
        return xnnpackActive ? ID + "-xnnpack" : ID;
    }

    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    @Override
    public String weightsSha256() {
        return weightsSha256;
    }

    /** The classifier's labels (first name of each synonym set), index 0 = background. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<String> labelNames() {
        return labels;
    }

    @Override
    public EncodedImage encode(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        BufferedImage square = ImageResizer.squash(image, INPUT_SIZE, INPUT_SIZE);
        return encodeRgb224(ImageConversions.toRgbBytes(square));
    }

    /**
     * Encodes an image already squashed to 224×224, given as interleaved RGB bytes (224·224·3).
     * This is the fast path for pre-resized data sets.
     */
    public EncodedImage encodeRgb224(byte[] rgb) {
        Objects.requireNonNull(rgb, "rgb");
        int expected = INPUT_SIZE * INPUT_SIZE * 3;
        if (rgb.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " RGB bytes (224×224×3), got " + rgb.length);
        }
        Instance instance = borrow();
        try {
            return instance.encode(rgb);
        } finally {
            giveBack(instance);
        }
    }

    /** True when the graph runs on XNNPACK's kernels (false: TFLite's built-in ones). */
    public boolean usesXnnPack() {
        return xnnpackActive;
    }

    /** The most interpreters that run at once. */
    public int maxInterpreters() {
        return maxInterpreters;
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    private Instance borrow() {
        Instance instance;
        synchronized (all) {
            if (closed) {
                throw new IllegalStateException("MobileNetV2 encoder is closed");
            }
            instance = idle.pollFirst();
            if (instance == null && all.size() < maxInterpreters) {
                try {
                    instance = new Instance();
                } catch (IOException e) {
                    // The same bytes made the first interpreter: only a lack of native memory gets here.
                    throw new IllegalStateException("could not create another TFLite interpreter: " + e.getMessage(), e);
                }
                all.add(instance);
            }
        }
        if (instance != null) {
            return instance;
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free TFLite interpreter", e);
        }
    }

    private void giveBack(Instance instance) {
        synchronized (all) {
            if (closed) {
                instance.close();
                return;
            }
            // Most recently used first: a lone caller keeps reusing one warm interpreter.
            idle.addFirst(instance);
        }
    }

    /** Top {@link #TOP_K} classes by probability, background (index 0) excluded, ties by index. */
    private List<ImageLabel> topLabels(byte[] softmaxBytes) {
        int[] best = new int[TOP_K];
        int[] bestQ = new int[TOP_K];
        Arrays.fill(best, -1);
        Arrays.fill(bestQ, -1);
        for (int c = 1; c < softmaxBytes.length; c++) {
            int q = softmaxBytes[c] & 0xFF;
            if (q <= bestQ[TOP_K - 1]) {
                continue;
            }
            int pos = TOP_K - 1;
            while (pos > 0 && bestQ[pos - 1] < q) {
                bestQ[pos] = bestQ[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestQ[pos] = q;
            best[pos] = c;
        }
        List<ImageLabel> out = new ArrayList<>(TOP_K);
        for (int k = 0; k < TOP_K && best[k] >= 0; k++) {
            double p = softmaxScale * (bestQ[k] - softmaxZeroPoint);
            out.add(new ImageLabel(labels.get(best[k]), Math.max(0.0, Math.min(1.0, p)), best[k]));
        }
        return out;
    }

    /** Frees the interpreters, then what they depend on. Safe to call twice. */
    @Override
    public void close() {
        synchronized (all) {
            closed = true;
            // Interpreters in use are closed when given back; idle ones now, in reverse order of making.
            Instance instance;
            while ((instance = idle.pollFirst()) != null) {
                instance.close();
            }
            all.clear();
        }
        if (resolver != null) {
            resolver.close();
            resolver = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
        if (modelBytes != null) {
            modelBytes.close();
            modelBytes = null;
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private static boolean isNull(Pointer p) {
        return p == null || p.isNull();
    }

    private static int singleIndex(IntPointer indices, String what, Path weights) throws IOException {
        // IntPointer here wraps a std::vector<int>: its limit is the element count.
        long n = indices.limit() - indices.position();
        if (n != 1) {
            throw new IOException("encoder weights '" + weights + "': expected 1 " + what + " tensor, found " + n);
        }
        return indices.get(0);
    }

    private static int findTensor(Interpreter interpreter, String name) {
        long n = interpreter.tensors_size();
        for (int i = 0; i < n; i++) {
            BytePointer tensorName = interpreter.tensor(i).name();
            if (tensorName != null && !tensorName.isNull() && name.equals(tensorName.getString())) {
                return i;
            }
        }
        return -1;
    }

    private static int elementCount(TfLiteTensor tensor) {
        TfLiteIntArray dims = tensor.dims();
        int count = 1;
        for (int i = 0; i < dims.size(); i++) {
            count *= dims.data(i);
        }
        return count;
    }

    private static void requireShape(TfLiteTensor tensor, int[] shape, int type, Path weights) throws IOException {
        TfLiteIntArray dims = tensor.dims();
        int[] actual = new int[dims.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = dims.data(i);
        }
        if (!Arrays.equals(actual, shape) || tensor.type() != type) {
            throw new IOException("encoder weights '" + weights + "': tensor '" + tensor.name().getString()
                    + "' has shape " + Arrays.toString(actual) + " and type " + tensor.type()
                    + ", expected " + Arrays.toString(shape) + " uint8");
        }
    }
}
