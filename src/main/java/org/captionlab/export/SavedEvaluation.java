package org.captionlab.export;

import java.util.Objects;
import org.captionlab.eval.EvaluationResult;

/**
 * An evaluation report loaded from disk by {@link EvaluationReportReader}.
 *
 * @param model  the evaluated model's name, as written in the report
 * @param result corpus metrics and per-image scores, per-image in the report's order
 */
public record SavedEvaluation(String model, EvaluationResult result) {
    public SavedEvaluation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(result, "result");
    }

    /** The number of evaluated images. */
    public int images() {
        return result.perImage().size();
    }
}
