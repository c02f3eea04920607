package org.captionlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects captions per image (in order of first appearance) and problems while a reader goes through
 * a file, then checks image files in one pass and builds the {@link CaptionDataset}.
 */
final class DatasetBuilder {

    private static final class Entry {
        final Path path;
        final String where;
        final List<String> captions = new ArrayList<>();

        Entry(Path path, String where) {
            this.path = path;
            this.where = where;
        }
    }

    private final String file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** @param file the annotation file's name, as it starts every problem sentence */
    DatasetBuilder(String file) {
        this.file = file;
    }

    /** A location in the file for messages, e.g. {@code captions.txt line 12}. */
    String at(long line) {
        return file + " line " + line;
    }

    /**
     * A location with the element's position, for JSON files that are often a single line, e.g.
     * {@code captions_val2014.json line 1, annotation #17}.
     */
    String at(long line, String element, int index) {
        return file + " line " + line + ", " + element + " #" + index;
    }

    /** Declares an image (captions may follow); the first declaration's path and location win. */
    void declare(String imageId, Path path, String where) {
        entries.computeIfAbsent(imageId, k -> new Entry(path, where));
    }

    boolean isDeclared(String imageId) {
        return entries.containsKey(imageId);
    }

    /** Adds a caption (declaring the image on first sight); the caption is stripped of outer spaces. */
    void add(String imageId, Path path, String caption, String where) {
        declare(imageId, path, where);
        entries.get(imageId).captions.add(caption.strip());
    }

    /** Adds a caption to an image already {@link #declare declared}. */
    void addTo(String imageId, String caption) {
        entries.get(imageId).captions.add(caption.strip());
    }

    /** Records a problem: {@code where} is from {@link #at}, {@code what} completes the sentence. */
    /**
     * One {@code image,caption} row of a CSV source: added, or recorded as a problem saying why it is
     * skipped. {@code noun} names the first column in messages ({@code name} or {@code path}).
     */
    void addRow(Path base, String where, String image, String caption, String noun) {
        if (image.isEmpty()) {
            problem(where, "image " + noun + " is empty; row skipped");
        } else if (caption.isBlank()) {
            problem(where, "caption of image '" + image + "' is empty; row skipped");
        } else {
            Path path = Sources.resolve(base, image);
            if (path == null) {
                problem(where, "image " + noun + " '" + Sources.excerpt(image) + "' is not a valid "
                        + ("name".equals(noun) ? "file name" : "path") + "; row skipped");
            } else {
                add(image, path, caption, where);
            }
        }
    }

    void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    /**
     * Builds the dataset: images without captions and (with {@link ImageCheck#REQUIRE_FILES}) images
     * whose file is missing are left out with a problem each.
     *
     * @throws DatasetException when files are required and none of them exists (wrong images folder)
     */
    CaptionDataset build(String name, ImageCheck check) throws IOException {
        List<ImageCaptions> images = new ArrayList<>(entries.size());
        List<Path> paths = new ArrayList<>(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (entry.captions.isEmpty()) {
                problem(entry.where, "image '" + e.getKey() + "' has no captions; skipped");
            } else {
                images.add(new ImageCaptions(e.getKey(), entry.path, entry.captions));
                paths.add(entry.path);
            }
        }
        if (check == ImageCheck.REQUIRE_FILES && !images.isEmpty()) {
            Set<Path> missing = MissingFiles.missing(paths);
            if (missing.size() == images.size()) {
                Path first = images.get(0).path();
                throw new DatasetException("none of the " + images.size() + " images named in " + file
                        + " exists (the first would be " + first + "): check the images folder");
            }
            List<ImageCaptions> present = new ArrayList<>(images.size() - missing.size());
            for (ImageCaptions image : images) {
                if (missing.contains(image.path())) {
                    int n = image.captions().size();
                    problem(entries.get(image.imageId()).where, "image file " + image.path() + " does not exist; its "
                            + n + (n == 1 ? " caption is" : " captions are") + " skipped");
                } else {
                    present.add(image);
                }
            }
            images = present;
        }
        return new CaptionDataset(name, images, problems);
    }
}
