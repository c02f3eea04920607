package org.captionlab.encoder;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.captionlab.image.ImageResizer;
import org.captionlab.util.Hashing;
import org.captionlab.util.ProgressListener;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.VGG16ImagePreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VGG16 (DL4J zoo) as an encoder: the feature is the 4096-d activation of the second fully
 * connected layer, fc2 (after its ReLU), the classic "VGG feature" of Show-and-Tell style captioners.
 *
 * <p>Input preparation follows the zoo's pretrained ImageNet weights (converted from Keras/Caffe):
 * the whole image squashed to 224×224, channels in B, G, R order (as DL4J's NativeImageLoader
 * delivers them), NCHW, 0..255 minus the per-channel ImageNet means of
 * {@link VGG16ImagePreProcessor} (103.939, 116.779, 123.68 for B, G, R).
 *
 * <p>Heavy: about 138 M parameters (≈ 550 MB of floats), seconds per image on a laptop CPU.
 * {@link #close()} releases the graph. Not thread-safe. With an ImageNet label list ({@link #withLabels}) the
 * same forward pass also gives the top-5 labels of the graph's 1,000-way softmax output (class {@code i} is
 * line {@code i + 1} of the list, line 0 being the background), so label guidance works as with MobileNetV2.
 */
public final class Vgg16Encoder implements ImageEncoder {

    /** Encoder id written into model manifests. */
    public static final String ID = "vgg16";
    /** Length of the fc2 feature. */
    public static final int FEATURE_DIM = 4096;
    /** Side of the square input. */
    public static final int INPUT_SIZE = 224;
    /** Images per forward pass in {@link #encodeBatch}: bounds the activation memory (≈ 60 MB per image). */
    static final int MAX_BATCH = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Vgg16Encoder.class);
    /** ImageNet classes of the zoo's output layer. */
    private static final int IMAGENET_CLASSES = 1000;

    private ComputationGraph graph;
    /** The graph compiled onto libnd4j ops (oneDNN convolutions), or null: {@link ComputationGraph#output} is used. */
    private final PlainCnnForward forward;
    private final List<String> featureLayer;
    private final String weightsSha256;
    private final VGG16ImagePreProcessor preProcessor = new VGG16ImagePreProcessor();
    /** Label names by class line (0 = background), or empty: no labels reported. */
    private volatile List<String> labels = List.of();
    /** The fc2 vertex, then the softmax output vertex when labels are reported. */
    private volatile List<String> outputs;

    private Vgg16Encoder(ComputationGraph graph, String weightsSha256) {
        this.graph = graph;
        this.featureLayer = List.of(featureVertex(graph.getConfiguration()));
        this.outputs = featureLayer;
        this.weightsSha256 = weightsSha256;
        this.forward = PlainCnnForward.compile(graph).orElse(null);
        LOG.info("VGG16 encoder ready (feature vertex '{}', {} parameters, {})", featureLayer.get(0), graph.numParams(),
                forward != null ? "libnd4j ops" : "DL4J graph");
    }

    /**
     * A VGG16 with random weights from {@code seed}, for tests and experiments that must never
     * download. Its {@link #weightsSha256()} is {@code random-init-seed-<seed>}.
     */
    public static Vgg16Encoder randomlyInitialised(long seed) {
        ComputationGraph g = VGG16.builder().seed(seed).numClasses(IMAGENET_CLASSES).build().init();
        return new Vgg16Encoder(g, "random-init-seed-" + seed);
    }

    /**
     * A VGG16 saved as a DL4J ComputationGraph zip (e.g. the zoo's {@code vgg16_dl4j_inference.zip}).
     *
     * @throws EncoderWeightsException if the file is missing, unreadable or has no fc2 layer
     */
    public static Vgg16Encoder fromFile(Path zip) throws IOException {
        Objects.requireNonNull(zip, "zip");
        if (!Files.isRegularFile(zip)) {
            throw new EncoderWeightsException("VGG16 weights '" + zip + "' do not exist");
        }
        String sha = Hashing.sha256(zip);
        ComputationGraph g;
        try {
            g = ComputationGraph.load(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new EncoderWeightsException("VGG16 weights '" + zip + "' are not a saved DL4J ComputationGraph ("
                    + e.getMessage() + ")", e);
        }
        try {
            return new Vgg16Encoder(g, sha);
        } catch (IllegalArgumentException e) {
            g.close();
            throw new EncoderWeightsException("VGG16 weights '" + zip + "': " + e.getMessage(), e);
        }
    }

    /**
     * The zoo's ImageNet VGG16, downloaded on first use into DL4J's own cache
     * ({@code ~/.deeplearning4j/models/vgg16/}, about 500 MB) and checked there by the zoo.
     *
     * @throws EncoderWeightsException if the download fails or does not verify
     */
    public static Vgg16Encoder pretrainedImageNet(ProgressListener progress) throws IOException {
        VGG16 zoo = VGG16.builder().build();
        Path cached = zooCacheFile(zoo);
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        boolean downloading = !Files.isRegularFile(cached);
        if (downloading) {
            // The zoo downloads without progress callbacks: say that it is happening and how big.
            progress.progress(0, -1, "downloading VGG16 ImageNet weights (about 500 MB) to " + cached);
        }
        ComputationGraph g;
        try {
            g = (ComputationGraph) zoo.initPretrained(PretrainedType.IMAGENET);
        } catch (IOException | RuntimeException e) {
            throw new EncoderWeightsException("VGG16 ImageNet weights could not be loaded or downloaded from " + url
                    + " (" + e.getMessage() + "): download that file and save it as " + cached
                    + ", or pass a saved VGG16 ComputationGraph with --encoder-weights", e);
        }
        if (downloading) {
            progress.progress(1, 1, "downloaded VGG16 ImageNet weights");
        }
        return new Vgg16Encoder(g, Hashing.sha256(cached));
    }

    /** Where the zoo keeps its ImageNet VGG16 download (the zoo's own rule). */
    static Path zooCacheFile(VGG16 zoo) {
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        File dir = DL4JResources.getDirectory(ResourceType.ZOO_MODEL, zoo.modelName());
        return dir.toPath().resolve(new File(url).getName());
    }

    /**
     * The name of the fc2 vertex. The pretrained zoo graph (converted from Keras) names it
     * {@code fc2}; a freshly built zoo VGG16 numbers its vertices, fc2 being {@code 19}, the 4096-unit
     * dense layer feeding the output layer. Both are recognised by structure, not by number alone.
     *
     * @throws IllegalArgumentException if the graph has no such vertex
     */
    static String featureVertex(ComputationGraphConfiguration conf) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        if (isDense4096(vertices.get("fc2"))) {
            return "fc2";
        }
        List<String> outputs = conf.getNetworkOutputs();
        if (outputs.size() == 1) {
            List<String> inputs = conf.getVertexInputs().get(outputs.get(0));
            if (inputs != null && inputs.size() == 1 && isDense4096(vertices.get(inputs.get(0)))) {
                return inputs.get(0);
            }
        }
        throw new IllegalArgumentException("the graph has no fc2 layer (a vertex named 'fc2', or a dense layer of "
                + FEATURE_DIM + " units feeding the output; outputs are " + outputs + ")");
    }

    private static boolean isDense4096(GraphVertex vertex) {
        return vertex instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof DenseLayer dense
                && dense.getNOut() == FEATURE_DIM;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    @Override
    public String weightsSha256() {
        return weightsSha256;
    }

    /**
     * Reports the top-5 ImageNet labels from now on, named from {@code labelFile} (1,001 lines, the first the
     * background, as the MobileNetV2 label list).
     *
     * @throws IOException if the file cannot be read or has not 1,001 lines
     */
    public Vgg16Encoder withLabels(Path labelFile) throws IOException {
        List<String> names = ImageNetLabels.read(labelFile);
        if (names.size() != IMAGENET_CLASSES + 1) {
            throw new IOException("label file '" + labelFile + "' has " + names.size() + " labels; VGG16 needs "
                    + (IMAGENET_CLASSES + 1) + " (the background first)");
        }
        List<String> out = graph.getConfiguration().getNetworkOutputs();
        this.labels = List.copyOf(names);
        this.outputs = List.of(featureLayer.get(0), out.get(0));
        return this;
    }

    @Override
    public List<String> labelNames() {
        return labels;
    }

    @Override
    public EncodedImage encode(BufferedImage image) {
        return encodeBatch(List.of(image)).get(0);
    }

    @Override
    public List<EncodedImage> encodeBatch(List<BufferedImage> images) {
        ComputationGraph g = requireOpen();
        List<EncodedImage> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += MAX_BATCH) {
            List<BufferedImage> chunk = images.subList(from, Math.min(images.size(), from + MAX_BATCH));
            try (INDArray input = toInput(chunk)) {
                preProcessor.preProcess(input);
                List<String> names = labels;
                INDArray[] result = forward != null ? forward.output(outputs, input)
                        : g.output(outputs, false, new INDArray[] {input}, null);
                INDArray fc2 = result[0];
                try (fc2) {
                    for (int i = 0; i < chunk.size(); i++) {
                        List<ImageLabel> top = result.length > 1
                                ? ImageNetLabels.top(result[1].getRow(i).toFloatVector(), names, 1) : List.of();
                        out.add(new EncodedImage(fc2.getRow(i).toFloatVector(), top));
                    }
                } finally {
                    if (result.length > 1) {
                        result[1].close();
                    }
                }
            }
        }
        return out;
    }

    /**
     * The images as a float NCHW batch [n, 3, 224, 224], channels B, G, R, values 0..255 (the mean
     * is subtracted afterwards by {@link VGG16ImagePreProcessor}).
     */
    static INDArray toInput(List<BufferedImage> images) {
        int plane = INPUT_SIZE * INPUT_SIZE;
        float[] data = new float[images.size() * 3 * plane];
        int[] pixels = new int[plane];
        for (int n = 0; n < images.size(); n++) {
            BufferedImage square = ImageResizer.squash(Objects.requireNonNull(images.get(n), "image"), INPUT_SIZE, INPUT_SIZE);
            square.getRGB(0, 0, INPUT_SIZE, INPUT_SIZE, pixels, 0, INPUT_SIZE);
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = pixels[i];
                data[base + i] = p & 0xFF;                         // B
                data[base + plane + i] = (p >> 8) & 0xFF;          // G
                data[base + 2 * plane + i] = (p >> 16) & 0xFF;     // R
            }
        }
        return Nd4j.create(data, new long[] {images.size(), 3, INPUT_SIZE, INPUT_SIZE}, DataType.FLOAT);
    }

    private ComputationGraph requireOpen() {
        ComputationGraph g = graph;
        if (g == null) {
            throw new IllegalStateException("VGG16 encoder is closed");
        }
        return g;
    }

    /** True when inference runs on libnd4j's ops rather than through the DL4J graph (tests). */
    boolean usesPlainOps() {
        return forward != null;
    }

    /** Releases the graph. Safe to call twice. */
    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }
}
