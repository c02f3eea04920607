package org.captionlab.service;

import java.nio.file.Path;
import java.util.List;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.search.Caption;

/** One captioned image: its encoding (feature + ImageNet labels) and its captions, best first. */
public record ImageResult(Path path, EncodedImage encoded, List<Caption> captions) {
    public ImageResult {
        captions = List.copyOf(captions);
    }
}
