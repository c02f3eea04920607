package org.captionlab.cli;

import java.nio.file.Path;
import org.captionlab.service.DatasetSpec;
import picocli.CommandLine.Option;

/** {@code --dataset}, {@code --images}, {@code --captions}: where the images and reference captions are. */
final class DatasetOptions {

    @Option(names = "--dataset", paramLabel = "FORMAT",
            description = "Annotation format: flickr8k (captions.txt CSV or Flickr8k.token.txt), coco (captions_*.json), "
                    + "karpathy (dataset_*.json), csv (path,caption). Default: detected from the file.")
    String format;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of the images (default: the captions file's folder).")
    Path images;

    @Option(names = "--captions", paramLabel = "FILE", required = true, description = "Annotation file with the reference captions.")
    Path captions;

    DatasetSpec spec(String split) {
        return new DatasetSpec(format, images, captions, split);
    }
}
