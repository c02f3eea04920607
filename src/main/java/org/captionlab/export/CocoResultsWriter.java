package org.captionlab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.captionlab.data.CocoResults;
import org.captionlab.search.Caption;

/**
 * Writes predictions in the COCO results format ({@code [{"image_id": 42, "caption": "..."}]}) that
 * pycocoevalcap and the COCO leaderboard take, atomically. The format and its id rules are
 * {@link CocoResults}'s (numeric ids as JSON integers, other ids as strings), so a file written here
 * reads back with {@link CocoResults#read}.
 */
public final class CocoResultsWriter {

    private CocoResultsWriter() {
    }

    /** Writes one caption per image id, in the map's order. */
    public static void write(Path target, Map<String, String> captionsById) throws IOException {
        CocoResults.write(target, captionsById);
    }

    /**
     * Writes the best caption (the first of each list) per image id, in the map's order.
     *
     * @throws IllegalArgumentException naming the image when one has no caption
     */
    public static void writeBest(Path target, Map<String, ? extends List<Caption>> rankedById) throws IOException {
        Map<String, String> best = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends List<Caption>> e : rankedById.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("image " + e.getKey() + " has no caption to write to " + target);
            }
            best.put(e.getKey(), e.getValue().get(0).text());
        }
        write(target, best);
    }
}
