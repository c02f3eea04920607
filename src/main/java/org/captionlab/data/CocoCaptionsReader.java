package org.captionlab.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads COCO caption annotations ({@code captions_train2014.json}, {@code captions_val2014.json}):
 * {@code images[{id, file_name}]} and {@code annotations[{image_id, caption}]}, in any field order.
 *
 * <p>The image id is COCO's numeric id as text (so it matches {@link CocoResults}); the path is
 * {@code file_name} resolved against the images folder. Images come in the order of {@code images}.
 * A file without these arrays or keys is not of this format ({@link DatasetException}); empty captions,
 * annotations of unknown images and images without captions are reported in
 * {@link CaptionDataset#problems()} with their line and element index (COCO files are usually one line).
 */
public final class CocoCaptionsReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(CocoCaptionsReader.class);

    private record Image(String id, String fileName, String where) {
    }

    private record Annotation(String imageId, String caption, long line, int index) {
    }

    private final ImageCheck imageCheck;

    /** A reader that requires the image files to exist. */
    public CocoCaptionsReader() {
        this(ImageCheck.REQUIRE_FILES);
    }

    public CocoCaptionsReader(ImageCheck imageCheck) {
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
    }

    @Override
    public CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        Path base = Sources.imagesBase(annotations, imagesDir);
        DatasetBuilder builder = new DatasetBuilder(Sources.label(annotations));
        List<Image> images = new ArrayList<>();
        List<Annotation> captions = new ArrayList<>();
        boolean[] seen = {false, false};
        JsonSources.forEachField(annotations, (name, parser) -> {
            switch (name) {
                case "images" -> {
                    seen[0] = true;
                    JsonSources.forEachElement(annotations, parser, name, (node, index, line) ->
                            images.add(image(annotations, node, index, line, builder)));
                    return true;
                }
                case "annotations" -> {
                    seen[1] = true;
                    JsonSources.forEachElement(annotations, parser, name, (node, index, line) ->
                            captions.add(annotation(annotations, node, index, line)));
                    return true;
                }
                default -> {
                    return false;
                }
            }
        });
        if (!seen[0] || !seen[1]) {
            throw new DatasetException(annotations + " is not a COCO captions file: it has no \""
                    + (seen[0] ? "annotations" : "images") + "\" array");
        }
        for (Image image : images) {
            if (builder.isDeclared(image.id())) {
                builder.problem(image.where(), "image id " + image.id() + " is listed twice; the first entry is used");
                continue;
            }
            Path path = Sources.resolve(base, image.fileName());
            if (path == null) {
                builder.problem(image.where(), "file_name '" + Sources.excerpt(image.fileName()) + "' is not a valid file name; image skipped");
                continue;
            }
            builder.declare(image.id(), path, image.where());
        }
        for (Annotation a : captions) {
            if (!builder.isDeclared(a.imageId())) {
                builder.problem(builder.at(a.line(), "annotation", a.index()), "image_id " + a.imageId() + " is not in \"images\"; caption skipped");
            } else if (a.caption().isBlank()) {
                builder.problem(builder.at(a.line(), "annotation", a.index()), "caption of image " + a.imageId() + " is empty; skipped");
            } else {
                builder.addTo(a.imageId(), a.caption());
            }
        }
        CaptionDataset dataset = builder.build("coco:" + Sources.label(annotations), imageCheck);
        LOG.info("Read {} images, {} annotations from {} ({} problems)", dataset.images().size(), captions.size(),
                annotations, dataset.problems().size());
        return dataset;
    }

    private static Image image(Path file, JsonNode node, int index, long line, DatasetBuilder builder) throws DatasetException {
        String where = builder.at(line, "image", index);
        if (!node.isObject()) {
            throw new DatasetException(file + " line " + line + ": image #" + index + " is " + JsonSources.describe(node)
                    + ", not an object");
        }
        String id = JsonSources.id(node, "id");
        String fileName = JsonSources.text(node, "file_name");
        if (id == null || fileName == null) {
            throw new DatasetException(file + " line " + line + ": image #" + index + " needs an integer \"id\" and a string "
                    + "\"file_name\" (found id " + JsonSources.describe(node.get("id")) + ", file_name "
                    + JsonSources.describe(node.get("file_name")) + ")");
        }
        return new Image(id, fileName, where);
    }

    private static Annotation annotation(Path file, JsonNode node, int index, long line) throws DatasetException {
        if (!node.isObject()) {
            throw new DatasetException(file + " line " + line + ": annotation #" + index + " is " + JsonSources.describe(node)
                    + ", not an object");
        }
        String imageId = JsonSources.id(node, "image_id");
        String caption = JsonSources.text(node, "caption");
        if (imageId == null || caption == null) {
            throw new DatasetException(file + " line " + line + ": annotation #" + index + " needs an integer \"image_id\" "
                    + "and a string \"caption\" (found image_id " + JsonSources.describe(node.get("image_id"))
                    + ", caption " + JsonSources.describe(node.get("caption")) + ")");
        }
        return new Annotation(imageId, caption, line, index);
    }
}
