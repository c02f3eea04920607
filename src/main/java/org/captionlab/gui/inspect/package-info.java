/**
 * Failure inspection: reference captions for the photos ({@link org.captionlab.gui.inspect.ReferenceLoader},
 * {@link org.captionlab.gui.inspect.References}), per-photo BLEU-4 / ROUGE-L / CIDEr-D through the core
 * evaluator ({@link org.captionlab.gui.inspect.Scorer}), the shown list with its sort, filters and histogram
 * and the keyboard review actions ({@link org.captionlab.gui.inspect.InspectionViewModel}, no nodes), and the
 * views: filter bar, histogram, side-by-side review table, two-model comparison table.
 */
package org.captionlab.gui.inspect;
