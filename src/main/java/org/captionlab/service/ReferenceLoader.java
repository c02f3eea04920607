package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.Datasets;
import org.captionlab.data.ImageCaptions;
import org.captionlab.data.ImageCheck;
import org.captionlab.text.Tokenizer;

/**
 * Reads reference captions in any format the core reads ({@link Datasets#detectFormat}: Flickr8k CSV or
 * token file, COCO captions, Karpathy splits, CSV {@code path,caption}). Unlike training, inspection does
 * not need the images named in the file to exist where the file says ({@link ImageCheck#SKIP}): photos are
 * matched to them by path or file name ({@link References}). Runs on a worker thread.
 */
public final class ReferenceLoader {

    private ReferenceLoader() {
    }

    /**
     * Reads an annotation file. References without words (which the metrics cannot use) are dropped, and
     * an image left with none is dropped too.
     *
     * @throws IOException with one sentence naming the file when it is unreadable or in no known format
     */
    public static References read(Path annotations) throws IOException {
        String format = Datasets.detectFormat(annotations);
        CaptionDataset raw = Datasets.forFormat(format, ImageCheck.SKIP).read(annotations, null);
        List<ImageCaptions> kept = new ArrayList<>(raw.images().size());
        int dropped = 0;
        for (ImageCaptions image : raw.images()) {
            List<String> usable = new ArrayList<>(image.captions().size());
            for (String c : image.captions()) {
                if (Tokenizer.words(c).isEmpty()) {
                    dropped++;
                } else {
                    usable.add(c);
                }
            }
            if (!usable.isEmpty()) {
                kept.add(usable.size() == image.captions().size() ? image
                        : new ImageCaptions(image.imageId(), image.path(), usable));
            }
        }
        if (kept.isEmpty()) {
            throw new IOException("'" + annotations + "' holds no usable reference captions"
                    + (raw.problems().isEmpty() ? "" : " (first problem: " + raw.problems().get(0) + ")"));
        }
        return new References(annotations.toAbsolutePath().normalize(), format,
                new CaptionDataset(raw.name(), kept, raw.problems()), dropped);
    }
}
