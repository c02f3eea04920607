package org.captionlab.data;

import java.util.List;

/**
 * Images with reference captions read from one source.
 *
 * @param name     human-readable name of the source (e.g. {@code flickr8k:captions.txt})
 * @param images   images in source order, each once
 * @param problems recoverable problems met while reading (missing image, empty caption...), each a
 *                 sentence naming the file and line; the offending rows are left out of {@code images}
 */
public record CaptionDataset(String name, List<ImageCaptions> images, List<String> problems) {
    public CaptionDataset {
        images = List.copyOf(images);
        problems = List.copyOf(problems);
    }
}
