package org.captionlab.search;

import java.util.List;

/**
 * The result of a constrained search.
 *
 * @param captions  the captions, best first (see {@link CaptionSearch#decode(org.captionlab.model.CaptionModel, float[], DecodeOptions, List)})
 * @param met       the constraints every returned caption satisfies (all of them when the search succeeded)
 * @param fellBack  true when no caption within the maximum length could satisfy any constraint and the
 *                  captions are the unconstrained search's
 */
public record ConstrainedCaptions(List<Caption> captions, List<Constraint> met, boolean fellBack) {

    public ConstrainedCaptions {
        captions = List.copyOf(captions);
        met = List.copyOf(met);
    }
}
