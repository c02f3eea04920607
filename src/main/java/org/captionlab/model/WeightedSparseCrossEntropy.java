package org.captionlab.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Softmax cross-entropy with sparse targets and a signed weight per target: the loss of row {@code i} is
 * {@code −w_i · log p_i(y_i)}, its gradient with respect to the logits {@code w_i · (p_i − onehot(y_i))}.
 *
 * <p>Labels are {@code [N, 2]} (column 0 the target's index, column 1 its weight) or {@code [N, 1]} (indices, weight
 * 1: then this is DL4J's {@code LossSparseMCXENT}). The mask, if any, must be 0/1 per row.
 *
 * <p>Why not DL4J's own loss with the weight in the label mask: in DL4J 1.0.0-M2.1 the label mask is not only a
 * factor of the loss — the recurrent output layer multiplies its activations by it as well — so a weight of −1 does
 * not negate the gradient (measured ‖g(+1) + g(−1)‖ / ‖g(+1)‖ = 0.39 on a small decoder) and a weight of 2 does not
 * double it. Self-critical training needs the gradient to be exactly linear in the advantage, so the advantage
 * travels in the labels and the mask stays binary. {@code WeightedSparseCrossEntropyTest} checks the linearity on
 * the whole network.
 */
public final class WeightedSparseCrossEntropy implements ILossFunction {

    private static final long serialVersionUID = 1L;
    /** As DL4J's softmax cross-entropy: a probability below this counts as this (a finite worst-case loss). */
    private static final double MIN_PROBABILITY = 1e-10;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = scores.sumNumber().doubleValue();
        return average ? score / scores.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        long rows = p.size(0);
        double[] scores = new double[(int) rows];
        for (int i = 0; i < rows; i++) {
            double m = maskAt(mask, i);
            if (m != 0) {
                double pi = p.getDouble(i, target(labels, i));
                scores[i] = -m * weight(labels, i) * Math.log(Math.max(pi, MIN_PROBABILITY));
            }
        }
        return Nd4j.create(scores, new long[] {rows, 1}, preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray grad = probabilities(preOutput, activationFn);
        long rows = grad.size(0);
        double[] factor = new double[(int) rows];
        for (int i = 0; i < rows; i++) {
            factor[i] = maskAt(mask, i) * weight(labels, i);
        }
        grad.muliColumnVector(Nd4j.create(factor, new long[] {rows, 1}, grad.dataType()));
        for (int i = 0; i < rows; i++) {
            if (factor[i] != 0) {
                long y = target(labels, i);
                grad.putScalar(i, y, grad.getDouble(i, y) - factor[i]);
            }
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "weighted-sparse-mcxent";
    }

    @Override
    public String toString() {
        return "WeightedSparseCrossEntropy()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedSparseCrossEntropy;
    }

    @Override
    public int hashCode() {
        return WeightedSparseCrossEntropy.class.hashCode();
    }

    private static INDArray probabilities(INDArray preOutput, IActivation activationFn) {
        if (!(activationFn instanceof ActivationSoftmax)) {
            // The gradient below is that of softmax + cross-entropy; another activation would need its own.
            throw new IllegalStateException("the weighted cross-entropy needs a softmax output, not " + activationFn);
        }
        return activationFn.getActivation(preOutput.dup(), true);
    }

    private static long target(INDArray labels, int row) {
        return Math.round(labels.getDouble(row, 0));
    }

    private static double weight(INDArray labels, int row) {
        return labels.size(1) > 1 ? labels.getDouble(row, 1) : 1.0;
    }

    private static double maskAt(INDArray mask, int row) {
        if (mask == null) {
            return 1.0;
        }
        double m = mask.getDouble(row);
        if (m != 0 && m != 1) {
            throw new IllegalArgumentException("the weighted cross-entropy takes a 0/1 mask (weights go in the labels),"
                    + " got " + m);
        }
        return m;
    }
}
