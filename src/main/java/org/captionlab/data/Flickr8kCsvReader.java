package org.captionlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Flickr8k captions in the CSV form (Kaggle's {@code captions.txt}): a header
 * {@code image,caption}, then one row per caption, RFC 4180 quoting, UTF-8.
 *
 * <p>The image id is the file name as written; the path is that name resolved against the images
 * folder. A file whose first row is not {@code image,caption} is not of this format
 * ({@link DatasetException}); rows with an empty caption or a wrong number of fields are reported in
 * {@link CaptionDataset#problems()} with their line and skipped.
 */
public final class Flickr8kCsvReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(Flickr8kCsvReader.class);

    static final List<String> HEADER = List.of("image", "caption");

    private final ImageCheck imageCheck;

    /** A reader that requires the image files to exist. */
    public Flickr8kCsvReader() {
        this(ImageCheck.REQUIRE_FILES);
    }

    public Flickr8kCsvReader(ImageCheck imageCheck) {
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
    }

    @Override
    public CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        Sources.requireFile(annotations);
        Path base = Sources.imagesBase(annotations, imagesDir);
        DatasetBuilder builder = new DatasetBuilder(Sources.label(annotations));
        boolean[] headerSeen = {false};
        CsvRows.forEach(annotations, (fields, line) -> {
            if (!headerSeen[0]) {
                if (!fields.stream().map(String::strip).toList().equals(HEADER)) {
                    throw new DatasetException(annotations + " line " + line + ": expected the header 'image,caption' "
                            + "of the Flickr8k CSV format but found '" + Sources.excerpt(String.join(",", fields)) + "'");
                }
                headerSeen[0] = true;
                return;
            }
            String where = builder.at(line);
            if (fields.size() != 2) {
                builder.problem(where, "expected 2 fields (image,caption) but found " + fields.size() + "; row skipped");
                return;
            }
            builder.addRow(base, where, fields.get(0).strip(), fields.get(1), "name");
        });
        if (!headerSeen[0]) {
            throw new DatasetException(annotations + " is empty: expected the header 'image,caption' and caption rows");
        }
        CaptionDataset dataset = builder.build("flickr8k:" + Sources.label(annotations), imageCheck);
        LOG.info("Read {} images from {} ({} problems)", dataset.images().size(), annotations, dataset.problems().size());
        return dataset;
    }
}
