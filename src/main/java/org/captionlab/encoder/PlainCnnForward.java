package org.captionlab.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference of a plain chain CNN (VGG-style: convolutions, max pooling, dense layers, a softmax output) straight on
 * libnd4j's {@code conv2d}, {@code maxpool2d} and matrix multiplication ops, with the graph's own parameters.
 *
 * <p>Why not {@link ComputationGraph#output}: DL4J 1.0.0-M2.1's convolution layer computes im2col + GEMM in Java
 * and never reaches oneDNN (its oneDNN helper is switched off by default and looks for a class that nd4j-native
 * M2.1 renamed), while libnd4j's {@code conv2d} op runs on oneDNN's convolution kernels in the {@code onednn}
 * builds of nd4j-native. Same weights, same arithmetic up to float rounding (features agree with the graph's to
 * about 1e-6; a test checks it). Graphs of any other shape (other vertices, activations, formats) are not
 * compiled: {@link #compile} returns empty and the caller keeps using the graph.
 */
final class PlainCnnForward {

    private static final Logger LOG = LoggerFactory.getLogger(PlainCnnForward.class);

    /** One inference step on an activation. */
    private interface Step {
        INDArray apply(INDArray in);
    }

    private final List<Step> steps;
    /** Layer name of each step; null for a flattening step. */
    private final List<String> names;

    private PlainCnnForward(List<Step> steps, List<String> names) {
        this.steps = steps;
        this.names = names;
    }

    /**
     * The graph as a chain of steps ending at {@code last}, or empty if the graph is not a single chain of layers
     * this class knows (NCHW convolutions and max pooling with Same or Truncate mode, dense and output layers with
     * identity, ReLU or softmax activation, dropout, CNN-to-dense flattening).
     */
    static Optional<PlainCnnForward> compile(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            return Optional.empty();
        }
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<Step> steps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String previous = conf.getNetworkInputs().get(0);
        int[] order = graph.topologicalSortOrder();
        for (int index : order) {
            String name = graph.getVertices()[index].getVertexName();
            if (name.equals(conf.getNetworkInputs().get(0))) {
                continue;
            }
            List<String> in = inputs.get(name);
            // A chain: every vertex reads exactly the one before it.
            if (in == null || in.size() != 1 || !in.get(0).equals(previous)
                    || !(vertices.get(name) instanceof LayerVertex lv)) {
                LOG.debug("not compiled: vertex {} is not a layer reading only the one before it", name);
                return Optional.empty();
            }
            InputPreProcessor pre = lv.getPreProcessor();
            if (pre instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NCHW) {
                steps.add(PlainCnnForward::flatten);
                names.add(null);
            } else if (pre instanceof FeedForwardToCnnPreProcessor unflatten) {
                // The zoo's VGG16 declares a flat input; image batches arrive as [n, c, h, w] and pass unchanged.
                steps.add(x -> x.rank() == 4 ? x : x.reshape('c', x.size(0), unflatten.getNumChannels(),
                        unflatten.getInputHeight(), unflatten.getInputWidth()));
                names.add(null);
            } else if (pre != null) {
                LOG.debug("not compiled: vertex {} has the preprocessor {}", name, pre);
                return Optional.empty();
            }
            Optional<Step> step = step(graph.getLayer(name), lv.getLayerConf().getLayer());
            if (step.isEmpty()) {
                LOG.debug("not compiled: vertex {} is a {}", name, lv.getLayerConf().getLayer());
                return Optional.empty();
            }
            steps.add(step.get());
            names.add(name);
            previous = name;
        }
        if (!previous.equals(conf.getNetworkOutputs().get(0))) {
            return Optional.empty();
        }
        return Optional.of(new PlainCnnForward(List.copyOf(steps), java.util.Collections.unmodifiableList(names)));
    }

    private static Optional<Step> step(org.deeplearning4j.nn.api.Layer layer, Layer conf) {
        if (conf instanceof ConvolutionLayer c && conf.getClass() == ConvolutionLayer.class) {
            Optional<PaddingMode> mode = paddingMode(c.getConvolutionMode());
            IActivation act = c.getActivationFn();
            if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW || mode.isEmpty() || !supported(act)) {
                return Optional.empty();
            }
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            int[] p = c.getPadding();
            int[] d = c.getDilation();
            Conv2DConfig cc = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                    .dH(d[0]).dW(d[1]).paddingMode(mode.get()).dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX)
                    .build();
            INDArray w = layer.getParam("W");
            INDArray b = c.hasBias() ? layer.getParam("b").reshape(-1) : null;
            return Optional.of(in -> activate(b != null ? Nd4j.exec(new Conv2D(in, w, b, cc))[0]
                    : Nd4j.exec(new Conv2D(in, w, null, cc))[0], act));
        }
        if (conf instanceof SubsamplingLayer sub && conf.getClass() == SubsamplingLayer.class) {
            Optional<PaddingMode> mode = paddingMode(sub.getConvolutionMode());
            if (sub.getPoolingType() != PoolingType.MAX || sub.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || mode.isEmpty()) {
                return Optional.empty();
            }
            int[] k = sub.getKernelSize();
            int[] s = sub.getStride();
            int[] p = sub.getPadding();
            int[] d = sub.getDilation();
            Pooling2DConfig pc = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                    .dH(d[0]).dW(d[1]).type(Pooling2D.Pooling2DType.MAX).paddingMode(mode.get()).isNHWC(false).build();
            return Optional.of(in -> Nd4j.exec(new MaxPooling2D(in, null, pc))[0]);
        }
        if ((conf instanceof DenseLayer || conf instanceof OutputLayer)
                && (conf.getClass() == DenseLayer.class || conf.getClass() == OutputLayer.class)) {
            org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
            IActivation act = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf).getActivationFn();
            boolean bias = conf instanceof DenseLayer dl ? dl.hasBias() : ((OutputLayer) conf).hasBias();
            if (!supported(act) || ff.getNIn() <= 0) {
                return Optional.empty();
            }
            INDArray w = layer.getParam("W");
            INDArray b = bias ? layer.getParam("b") : null;
            return Optional.of(in -> {
                INDArray z = in.mmul(w);
                if (b != null) {
                    z.addiRowVector(b);
                }
                return activate(z, act);
            });
        }
        if (conf instanceof DropoutLayer) {
            // Inference: dropout is the identity.
            return Optional.of(in -> in);
        }
        return Optional.empty();
    }

    private static Optional<PaddingMode> paddingMode(ConvolutionMode mode) {
        return switch (mode) {
            case Same -> Optional.of(PaddingMode.SAME);
            case Truncate -> Optional.of(PaddingMode.VALID);
            default -> Optional.empty();
        };
    }

    private static boolean supported(IActivation act) {
        return act instanceof ActivationReLU relu && relu.getMax() == null && zeroOrUnset(relu.getThreshold())
                && zeroOrUnset(relu.getNegativeSlope())
                || act instanceof ActivationIdentity || act instanceof ActivationSoftmax;
    }

    private static boolean zeroOrUnset(Double v) {
        return v == null || v == 0.0;
    }

    /** {@code z} with the activation applied in place. */
    private static INDArray activate(INDArray z, IActivation act) {
        if (act instanceof ActivationReLU) {
            return Transforms.relu(z, false);
        }
        if (act instanceof ActivationSoftmax) {
            return Transforms.softmax(z, false);
        }
        return z;
    }

    /** [n, c, h, w] → [n, c·h·w] in C order: what DL4J's CnnToFeedForwardPreProcessor does for NCHW. */
    private static INDArray flatten(INDArray in) {
        if (in.rank() != 4) {
            return in;
        }
        return in.reshape('c', in.size(0), in.length() / in.size(0));
    }

    /**
     * Runs the chain on {@code input} (not modified) and returns the activations of the layers named in
     * {@code outputs}, in that order. Intermediate activations are released as soon as the next one exists.
     *
     * @throws IllegalArgumentException if an output is not a layer of the chain
     */
    INDArray[] output(List<String> outputs, INDArray input) {
        INDArray[] result = new INDArray[outputs.size()];
        int remaining = outputs.size();
        INDArray h = input;
        for (int i = 0; i < steps.size() && remaining > 0; i++) {
            INDArray next = steps.get(i).apply(h);
            String name = names.get(i);
            int at = name == null ? -1 : outputs.indexOf(name);
            if (at >= 0) {
                result[at] = next;
                remaining--;
            }
            if (h != input && h != next && !next.isView() && next.data() != h.data() && !isResult(result, h)) {
                h.close();
            }
            h = next;
        }
        if (remaining > 0) {
            throw new IllegalArgumentException("outputs " + outputs + " are not all layers of " + names);
        }
        if (h != input && !isResult(result, h)) {
            h.close();
        }
        return result;
    }

    private static boolean isResult(INDArray[] result, INDArray a) {
        for (INDArray r : result) {
            if (r == a) {
                return true;
            }
        }
        return false;
    }
}
