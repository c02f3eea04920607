package org.captionlab.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The COCO results format, which the COCO caption evaluation tools (pycocoevalcap) and leaderboards
 * take: a JSON array {@code [{"image_id": 42, "caption": "a cat"}, ...]}, one entry per image.
 *
 * <p>Image ids are handled as strings: an id written as a JSON integer is read as its decimal text
 * (so it matches {@link CocoCaptionsReader}'s ids), and on writing an id that is a plain decimal
 * number without leading zeros is written as a JSON integer (what the COCO tools require), any other
 * id (e.g. a Flickr8k file name) as a string.
 */
public final class CocoResults {

    private static final Logger LOG = LoggerFactory.getLogger(CocoResults.class);

    /** Ids written as JSON integers: decimal, no sign, no leading zero, within a long. */
    private static final Pattern INTEGER_ID = Pattern.compile("0|[1-9][0-9]{0,17}");

    private CocoResults() {
    }

    /**
     * Reads predicted captions by image id, in file order. Extra fields in an entry (e.g. {@code id},
     * {@code score}) are ignored.
     *
     * @throws DatasetException naming the file (and line) when it is not a results array, an entry lacks
     *                          {@code image_id} or {@code caption}, or an image id appears twice
     */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> captions = new LinkedHashMap<>();
        Map<String, Long> firstLine = new LinkedHashMap<>();
        JsonSources.forEachRootElement(file, "results file", (node, index, line) -> {
            if (!node.isObject()) {
                throw new DatasetException(file + " line " + line + ": result #" + index + " is "
                        + JsonSources.describe(node) + ", not an object {\"image_id\", \"caption\"}");
            }
            String id = JsonSources.id(node, "image_id");
            JsonNode caption = node.get("caption");
            if (id == null || caption == null || !caption.isTextual()) {
                throw new DatasetException(file + " line " + line + ": result #" + index + " needs an integer or string "
                        + "\"image_id\" and a string \"caption\" (found image_id " + JsonSources.describe(node.get("image_id"))
                        + ", caption " + JsonSources.describe(caption) + ")");
            }
            Long previous = firstLine.putIfAbsent(id, line);
            if (previous != null) {
                throw new DatasetException(file + " line " + line + ": image_id " + id + " has a second caption (the first is "
                        + "on line " + previous + "); a results file holds one caption per image");
            }
            captions.put(id, caption.asText());
        });
        LOG.debug("Read {} results from {}", captions.size(), file);
        return Collections.unmodifiableMap(captions);
    }

    /** Writes predicted captions by image id, atomically (a failed write leaves {@code file} as it was). */
    public static void write(Path file, Map<String, String> captions) throws IOException {
        AtomicFiles.write(file, out -> write(out, captions));
    }

    /**
     * Writes predicted captions by image id as UTF-8 JSON, one entry a line, in the map's order; the
     * stream is flushed, not closed.
     */
    public static void write(OutputStream out, Map<String, String> captions) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('[');
        boolean first = true;
        for (Map.Entry<String, String> e : captions.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image_id", jsonId(e.getKey()));
            entry.put("caption", e.getValue());
            writer.write(first ? "\n  " : ",\n  ");
            writer.write(JsonSources.MAPPER.writeValueAsString(entry));
            first = false;
        }
        writer.write(first ? "]\n" : "\n]\n");
        writer.flush();
    }

    /**
     * Reads COCO caption annotations as references by image id (COCO id as text), for scoring a
     * results file; the images need not be on this machine. Problems (empty captions...) are logged.
     */
    public static Map<String, List<String>> readReferences(Path annotations) throws IOException {
        CaptionDataset dataset = new CocoCaptionsReader(ImageCheck.SKIP).read(annotations, null);
        if (!dataset.problems().isEmpty()) {
            LOG.warn("{} problem(s) in {}, first: {}", dataset.problems().size(), annotations, dataset.problems().get(0));
        }
        return references(dataset);
    }

    /** The references of a dataset by image id, in the dataset's order. */
    public static Map<String, List<String>> references(CaptionDataset dataset) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (ImageCaptions image : dataset.images()) {
            refs.put(image.imageId(), image.captions());
        }
        return Collections.unmodifiableMap(refs);
    }

    private static Object jsonId(String id) {
        return INTEGER_ID.matcher(id).matches() ? (Object) Long.valueOf(id) : id;
    }
}
