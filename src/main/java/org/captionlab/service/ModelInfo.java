package org.captionlab.service;

import java.nio.file.Path;

/**
 * What the user needs to know about the loaded caption model.
 *
 * @param name           bundle name (its folder name)
 * @param directory      bundle folder
 * @param encoderId      encoder the model was trained on
 * @param cell           {@code rnn} or {@code lstm}
 * @param vocabularySize number of tokens
 * @param summary        one line on training data and metrics from the manifest
 */
public record ModelInfo(String name, Path directory, String encoderId, String cell, int vocabularySize, String summary) {
}
