package org.captionlab.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Karpathy's split files ({@code dataset_flickr8k.json}, {@code dataset_flickr30k.json},
 * {@code dataset_coco.json} from Karpathy &amp; Fei-Fei, CVPR 2015), the splits most captioning papers
 * report on: {@code images[{filename, filepath?, split, sentences[{raw, tokens}], cocoid?}]}.
 *
 * <p>Only images of the selected {@link Split splits} are kept (all four by default; papers train on
 * {@code train} + {@code restval} for COCO). The image id is {@code cocoid} as text when present (so
 * COCO results match), the file name otherwise; the path is {@code imagesDir/filepath/filename}. The
 * captions are the {@code raw} sentences. A file without {@code images} or with images lacking
 * {@code filename}, {@code split} or {@code sentences} is not of this format ({@link DatasetException});
 * empty sentences and unknown split names are reported in {@link CaptionDataset#problems()}.
 */
public final class KarpathySplitReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(KarpathySplitReader.class);

    /** The splits of Karpathy's files; {@code restval} is the part of COCO val2014 used for training. */
    public enum Split {
        TRAIN, VAL, TEST, RESTVAL;

        /** The name used in the files, e.g. {@code restval}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a split name as written in the files or on a command line (case-insensitive).
         *
         * @throws IllegalArgumentException naming the valid splits
         */
        public static Split parse(String name) {
            for (Split s : values()) {
                if (s.id().equalsIgnoreCase(name.strip())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown Karpathy split '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(Split::id).collect(Collectors.joining(", ")));
        }
    }

    private final Set<Split> splits;
    private final ImageCheck imageCheck;

    /** A reader of all splits that requires the image files to exist. */
    public KarpathySplitReader() {
        this(EnumSet.allOf(Split.class), ImageCheck.REQUIRE_FILES);
    }

    /** A reader of the given splits that requires the image files to exist. */
    public KarpathySplitReader(Set<Split> splits) {
        this(splits, ImageCheck.REQUIRE_FILES);
    }

    public KarpathySplitReader(Set<Split> splits, ImageCheck imageCheck) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("select at least one Karpathy split");
        }
        this.splits = Collections.unmodifiableSet(EnumSet.copyOf(splits));
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
    }

    /** A reader of the given splits, e.g. {@code of(Split.TRAIN, Split.RESTVAL)}. */
    public static KarpathySplitReader of(Split first, Split... more) {
        return new KarpathySplitReader(EnumSet.of(first, more));
    }

    /** The selected splits. */
    public Set<Split> splits() {
        return splits;
    }

    @Override
    public CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        Path base = Sources.imagesBase(annotations, imagesDir);
        DatasetBuilder builder = new DatasetBuilder(Sources.label(annotations));
        boolean[] seenImages = {false};
        int[] skippedBySplit = {0};
        JsonSources.forEachField(annotations, (name, parser) -> {
            if (!name.equals("images")) {
                return false;
            }
            seenImages[0] = true;
            JsonSources.forEachElement(annotations, parser, name, (node, index, line) -> {
                if (!image(annotations, base, node, index, line, builder)) {
                    skippedBySplit[0]++;
                }
            });
            return true;
        });
        if (!seenImages[0]) {
            throw new DatasetException(annotations + " is not a Karpathy split file: it has no \"images\" array");
        }
        String selected = splits.stream().map(Split::id).collect(Collectors.joining(","));
        CaptionDataset dataset = builder.build("karpathy:" + Sources.label(annotations) + "[" + selected + "]", imageCheck);
        LOG.info("Read {} images of split(s) {} from {} ({} in other splits, {} problems)", dataset.images().size(),
                selected, annotations, skippedBySplit[0], dataset.problems().size());
        return dataset;
    }

    /** Adds one image entry; returns false when it belongs to a split that is not selected. */
    private boolean image(Path file, Path base, JsonNode node, int index, long line, DatasetBuilder builder)
            throws DatasetException {
        String where = builder.at(line, "image", index);
        if (!node.isObject()) {
            throw new DatasetException(file + " line " + line + ": image #" + index + " is " + JsonSources.describe(node)
                    + ", not an object");
        }
        String filename = JsonSources.text(node, "filename");
        String split = JsonSources.text(node, "split");
        JsonNode sentences = node.get("sentences");
        if (filename == null || split == null || sentences == null || !sentences.isArray()) {
            throw new DatasetException(file + " line " + line + ": image #" + index + " needs a string \"filename\", a string "
                    + "\"split\" and a \"sentences\" array (found filename " + JsonSources.describe(node.get("filename"))
                    + ", split " + JsonSources.describe(node.get("split")) + ", sentences " + JsonSources.describe(sentences) + ")");
        }
        Split s;
        try {
            s = Split.parse(split);
        } catch (IllegalArgumentException e) {
            builder.problem(where, e.getMessage() + " for image '" + filename + "'; image skipped");
            return true;
        }
        if (!splits.contains(s)) {
            return false;
        }
        String cocoId = JsonSources.id(node, "cocoid");
        String imageId = cocoId != null ? cocoId : filename;
        String folder = JsonSources.text(node, "filepath");
        Path dir = folder == null || folder.isEmpty() ? base : Sources.resolve(base, folder);
        Path path = dir == null ? null : Sources.resolve(dir, filename);
        if (path == null) {
            builder.problem(where, "filepath/filename '" + Sources.excerpt(folder + "/" + filename)
                    + "' is not a valid path; image skipped");
            return true;
        }
        builder.declare(imageId, path, where);
        for (int i = 0; i < sentences.size(); i++) {
            String raw = JsonSources.text(sentences.get(i), "raw");
            if (raw == null) {
                throw new DatasetException(file + " line " + line + ": sentence #" + i + " of image '" + filename
                        + "' has no string \"raw\"");
            }
            if (raw.isBlank()) {
                builder.problem(where, "sentence #" + i + " of image '" + filename + "' is empty; skipped");
            } else {
                builder.addTo(imageId, raw);
            }
        }
        return true;
    }
}
