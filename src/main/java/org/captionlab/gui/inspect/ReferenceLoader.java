package org.captionlab.gui.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.CocoCaptionsReader;
import org.captionlab.data.DatasetReader;
import org.captionlab.data.Datasets;
import org.captionlab.data.Flickr8kCsvReader;
import org.captionlab.data.Flickr8kTokenReader;
import org.captionlab.data.ImageCaptions;
import org.captionlab.data.ImageCheck;
import org.captionlab.data.KarpathySplitReader;
import org.captionlab.data.PathCaptionCsvReader;
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
        CaptionDataset raw = reader(format, annotations).read(annotations, null);
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

    private static DatasetReader reader(String format, Path annotations) throws IOException {
        return switch (format) {
            case Datasets.COCO -> new CocoCaptionsReader(ImageCheck.SKIP);
            case Datasets.KARPATHY -> new KarpathySplitReader(EnumSet.allOf(KarpathySplitReader.Split.class), ImageCheck.SKIP);
            case Datasets.CSV -> new PathCaptionCsvReader(ImageCheck.SKIP);
            case Datasets.FLICKR8K -> isFlickr8kCsv(annotations) ? new Flickr8kCsvReader(ImageCheck.SKIP)
                    : new Flickr8kTokenReader(ImageCheck.SKIP);
            default -> throw new IOException("'" + annotations + "' is in format '" + format + "', which CaptionLab cannot read as references");
        };
    }

    /** Flickr8k comes as a CSV with the header {@code image,caption} or as the classic token file. */
    private static boolean isFlickr8kCsv(Path annotations) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String s = line.replace("\uFEFF", "").strip();
                if (!s.isEmpty()) {
                    return List.of(s.split(",", -1)).stream().map(String::strip).toList().equals(List.of("image", "caption"));
                }
            }
            return false;
        }
    }
}
