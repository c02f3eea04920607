package org.captionlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** Reads images and their reference captions from one annotation format. */
public interface DatasetReader {

    /**
     * Reads {@code annotations}, resolving image file names against {@code imagesDir} (when null,
     * against the annotation file's folder).
     *
     * @throws DatasetException if the file is not of this format or cannot be used at all; problems
     *                          with single rows go to {@link CaptionDataset#problems()} instead
     */
    CaptionDataset read(Path annotations, Path imagesDir) throws IOException;
}
