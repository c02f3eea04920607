package org.captionlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * One image of a dataset with its reference captions.
 *
 * @param imageId  the dataset's key for the image (Flickr8k file name, COCO id as text, CSV path as given)
 * @param path     where the image file is (may not exist; readers report missing files separately)
 * @param captions reference captions, as written in the source (not tokenised)
 */
public record ImageCaptions(String imageId, Path path, List<String> captions) {
    public ImageCaptions {
        captions = List.copyOf(captions);
    }
}
