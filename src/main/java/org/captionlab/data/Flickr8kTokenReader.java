package org.captionlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the classic Flickr8k token file ({@code Flickr8k.token.txt}): one caption per line,
 * {@code name.jpg#N<TAB>caption}, N the caption's index (0–4).
 *
 * <p>The image id is the file name before {@code #}. A file whose first non-blank line is not of
 * that form is not of this format ({@link DatasetException}); later malformed lines and empty captions
 * are reported in {@link CaptionDataset#problems()} with their line and skipped.
 */
public final class Flickr8kTokenReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(Flickr8kTokenReader.class);

    /** {@code name#index<TAB>caption}; the caption may be empty (reported, not fatal). */
    static final Pattern LINE = Pattern.compile("^([^\\t#][^\\t]*)#(\\d+)\\t(.*)$");

    private final ImageCheck imageCheck;

    /** A reader that requires the image files to exist. */
    public Flickr8kTokenReader() {
        this(ImageCheck.REQUIRE_FILES);
    }

    public Flickr8kTokenReader(ImageCheck imageCheck) {
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
    }

    @Override
    public CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        Sources.requireFile(annotations);
        Path base = Sources.imagesBase(annotations, imagesDir);
        DatasetBuilder builder = new DatasetBuilder(Sources.label(annotations));
        boolean first = true;
        long lineNo = 0;
        try (BufferedReader reader = Sources.openText(annotations)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = builder.at(lineNo);
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    if (first) {
                        throw new DatasetException(annotations + " line " + lineNo + ": expected a Flickr8k token line "
                                + "'name.jpg#0<TAB>caption' but found '" + Sources.excerpt(line) + "'");
                    }
                    builder.problem(where, "expected 'name.jpg#0<TAB>caption' but found '" + Sources.excerpt(line)
                            + "'; line skipped");
                    continue;
                }
                first = false;
                String image = m.group(1).strip();
                String caption = m.group(3);
                Path path = Sources.resolve(base, image);
                if (caption.isBlank()) {
                    builder.problem(where, "caption of image '" + image + "' is empty; line skipped");
                } else if (path == null) {
                    builder.problem(where, "image name '" + Sources.excerpt(image) + "' is not a valid file name; line skipped");
                } else {
                    builder.add(image, path, caption, where);
                }
            }
        } catch (CharacterCodingException e) {
            throw Sources.notUtf8(annotations, e);
        }
        if (first) {
            throw new DatasetException(annotations + " is empty: expected lines 'name.jpg#0<TAB>caption'");
        }
        CaptionDataset dataset = builder.build("flickr8k:" + Sources.label(annotations), imageCheck);
        LOG.info("Read {} images from {} ({} problems)", dataset.images().size(), annotations, dataset.problems().size());
        return dataset;
    }
}
