package org.captionlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a plain CSV of {@code path,caption} rows (RFC 4180 quoting, UTF-8), the simplest way to bring
 * one's own photos: a header {@code path,caption} (or {@code image,caption}) is optional, and an image may have several rows
 * (one per reference caption, in any order).
 *
 * <p>The image id is the path as written; relative paths are resolved against the images folder, or
 * the CSV's folder when none is given; absolute paths are kept. A first row without exactly two fields
 * means the file is not of this format ({@link DatasetException}); later bad rows and empty captions
 * are reported in {@link CaptionDataset#problems()} with their line and skipped.
 */
public final class PathCaptionCsvReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(PathCaptionCsvReader.class);

    private final ImageCheck imageCheck;

    /** A reader that requires the image files to exist. */
    public PathCaptionCsvReader() {
        this(ImageCheck.REQUIRE_FILES);
    }

    public PathCaptionCsvReader(ImageCheck imageCheck) {
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
    }

    @Override
    public CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        Sources.requireFile(annotations);
        Path base = Sources.imagesBase(annotations, imagesDir);
        DatasetBuilder builder = new DatasetBuilder(Sources.label(annotations));
        boolean[] first = {true};
        CsvRows.forEach(annotations, (fields, line) -> {
            String where = builder.at(line);
            if (first[0]) {
                first[0] = false;
                if (fields.size() != 2) {
                    throw new DatasetException(annotations + " line " + line + ": expected 2 fields 'path,caption' but found "
                            + fields.size() + " in '" + Sources.excerpt(String.join(",", fields)) + "'");
                }
                if (isHeader(fields.get(0), fields.get(1))) {
                    return;
                }
            }
            if (fields.size() != 2) {
                builder.problem(where, "expected 2 fields (path,caption) but found " + fields.size() + "; row skipped");
                return;
            }
            builder.addRow(base, where, fields.get(0).strip(), fields.get(1), "path");
        });
        if (first[0]) {
            throw new DatasetException(annotations + " is empty: expected rows 'path,caption'");
        }
        CaptionDataset dataset = builder.build("csv:" + Sources.label(annotations), imageCheck);
        LOG.info("Read {} images from {} ({} problems)", dataset.images().size(), annotations, dataset.problems().size());
        return dataset;
    }

    private static boolean isHeader(String a, String b) {
        String first = a.strip().toLowerCase(Locale.ROOT);
        return (first.equals("path") || first.equals("image")) && b.strip().toLowerCase(Locale.ROOT).equals("caption");
    }
}
