package org.captionlab.gui.training;

import java.util.List;

/**
 * One line of a chart: a model's column of the training log, {@code (epoch, value)} points in epoch order.
 *
 * @param label  legend text, e.g. "default: val loss"
 * @param model  the model's name
 * @param main   true for the main model, false for the comparison model (drawn dashed)
 * @param points {@code [epoch, value]} pairs
 */
public record Curve(String label, String model, boolean main, List<double[]> points) {

    public Curve {
        points = List.copyOf(points);
    }
}
