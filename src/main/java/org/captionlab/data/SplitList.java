package org.captionlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An official split list: one image file name per line, like Flickr8k's
 * {@code Flickr_8k.trainImages.txt} and {@code Flickr_8k.devImages.txt}. Blank lines are ignored and a
 * name listed twice counts once.
 */
public final class SplitList {

    private final Path source;
    private final Map<String, Long> lines;

    private SplitList(Path source, Map<String, Long> lines) {
        this.source = source;
        this.lines = Collections.unmodifiableMap(lines);
    }

    /**
     * Reads a split list.
     *
     * @throws DatasetException when the file is missing, not UTF-8 text or lists no image
     */
    public static SplitList read(Path file) throws IOException {
        Sources.requireFile(file, "split list");
        Map<String, Long> lines = new LinkedHashMap<>();
        try (BufferedReader reader = Sources.openText(file)) {
            String line;
            long n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                String name = line.strip();
                if (!name.isEmpty()) {
                    lines.putIfAbsent(name, n);
                }
            }
        } catch (CharacterCodingException e) {
            throw Sources.notUtf8(file, e);
        }
        if (lines.isEmpty()) {
            throw new DatasetException("split list " + file + " lists no images");
        }
        return new SplitList(file, lines);
    }

    /** The file the list was read from. */
    public Path source() {
        return source;
    }

    /** The listed image names, in file order, each once. */
    public List<String> names() {
        return List.copyOf(lines.keySet());
    }

    public int size() {
        return lines.size();
    }

    public boolean contains(String name) {
        return lines.containsKey(name);
    }

    /**
     * The images of {@code dataset} that this list names, in the list's order. A listed name matches
     * an image whose id equals it or, failing that, whose file name equals it (so a list of bare file
     * names also selects from a {@code path,caption} CSV with folders in its paths).
     *
     * <p>The result keeps the dataset's problems and adds one, naming this file and line, for each
     * listed image that has no captions in the dataset.
     */
    public CaptionDataset filter(CaptionDataset dataset) {
        Map<String, ImageCaptions> byId = new HashMap<>();
        Map<String, ImageCaptions> byFileName = new HashMap<>();
        for (ImageCaptions image : dataset.images()) {
            byId.put(image.imageId(), image);
            Path fileName = image.path() == null ? null : image.path().getFileName();
            if (fileName != null) {
                byFileName.putIfAbsent(fileName.toString(), image);
            }
        }
        String label = Sources.label(source);
        List<ImageCaptions> selected = new ArrayList<>(lines.size());
        List<String> problems = new ArrayList<>(dataset.problems());
        for (Map.Entry<String, Long> e : lines.entrySet()) {
            ImageCaptions image = byId.get(e.getKey());
            if (image == null) {
                image = byFileName.get(e.getKey());
            }
            if (image == null) {
                problems.add(label + " line " + e.getValue() + ": image '" + e.getKey() + "' has no captions in "
                        + dataset.name() + "; skipped");
            } else {
                selected.add(image);
            }
        }
        return new CaptionDataset(dataset.name() + "[" + label + "]", selected, problems);
    }

    @Override
    public String toString() {
        return "SplitList[" + source + ", " + lines.size() + " images]";
    }
}
