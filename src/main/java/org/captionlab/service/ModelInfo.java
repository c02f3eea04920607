package org.captionlab.service;

import java.nio.file.Path;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;

/**
 * What the user needs to know about the loaded caption model.
 *
 * @param name           bundle name (its folder name)
 * @param directory      bundle folder
 * @param encoderId      encoder the model was trained on
 * @param cell           {@code rnn} or {@code lstm}
 * @param vocabularySize number of tokens
 * @param summary        one line on training data and metrics from the manifest
 * @param recommended    the decoding options the model's manifest recommends (chosen on the dev split)
 * @param guide          the label guidance the manifest recommends with them, or null for none (or an encoder
 *                       without labels)
 */
public record ModelInfo(String name, Path directory, String encoderId, String cell, int vocabularySize, String summary,
                        DecodeOptions recommended, Manifest.Guide guide) {

    /** What a model without recorded decoding is decoded with: the manifest's defaults. */
    public static final DecodeOptions FALLBACK_OPTIONS = DecodeOptions.of(null);

    public ModelInfo {
        recommended = recommended == null ? FALLBACK_OPTIONS : recommended;
    }

    /** A model that recommends no label guidance. */
    public ModelInfo(String name, Path directory, String encoderId, String cell, int vocabularySize, String summary,
                     DecodeOptions recommended) {
        this(name, directory, encoderId, cell, vocabularySize, summary, recommended, null);
    }

    /** A model without decoding recommendations. */
    public ModelInfo(String name, Path directory, String encoderId, String cell, int vocabularySize, String summary) {
        this(name, directory, encoderId, cell, vocabularySize, summary, FALLBACK_OPTIONS);
    }
}
