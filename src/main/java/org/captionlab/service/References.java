package org.captionlab.service;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.ImageCaptions;

/**
 * Reference captions read from one dataset file, looked up by photo.
 *
 * <p><b>Matching.</b> A photo matches the dataset image whose resolved path is the photo's (a CSV
 * {@code path,caption} beside the photos, or with absolute paths). Failing that, it matches by file name
 * alone, which is how Flickr8k and COCO files name their images ({@code 1000268201_693b08cb0e.jpg},
 * {@code COCO_val2014_000000391895.jpg}) wherever the user keeps the photos. A file name that several
 * dataset images share (e.g. {@code 1.jpg} in two folders of a CSV) is ambiguous and matches by path only.
 * A photo that matches nothing simply has no references and no scores.
 */
public final class References {

    /** How a photo was matched. */
    public enum MatchKind {
        /** The dataset names this very file. */
        PATH,
        /** The dataset names a file of the same name elsewhere. */
        FILE_NAME,
        /** No match. */
        NONE,
        /** Only by a file name that several dataset images share, so no match. */
        AMBIGUOUS
    }

    /** A lookup result; {@code image} is null unless the kind is PATH or FILE_NAME. */
    public record Match(MatchKind kind, ImageCaptions image) {
        public boolean found() {
            return image != null;
        }
    }

    private final Path file;
    private final String format;
    private final int images;
    private final int droppedReferences;
    private final List<String> problems;
    private final Map<Path, ImageCaptions> byPath = new HashMap<>();
    private final Map<String, ImageCaptions> byName = new HashMap<>();
    private final Set<String> ambiguousNames = new HashSet<>();

    /**
     * @param file              the annotation file (for messages)
     * @param format            its format id ({@code flickr8k}, {@code coco}, ...)
     * @param dataset           what it holds
     * @param droppedReferences reference captions left out because they have no words
     */
    public References(Path file, String format, CaptionDataset dataset, int droppedReferences) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.images = dataset.images().size();
        this.droppedReferences = droppedReferences;
        this.problems = dataset.problems();
        for (ImageCaptions image : dataset.images()) {
            if (image.path() != null) {
                byPath.putIfAbsent(image.path().toAbsolutePath().normalize(), image);
            }
            String name = nameOf(image);
            if (ambiguousNames.contains(name)) {
                continue;
            }
            ImageCaptions previous = byName.putIfAbsent(name, image);
            if (previous != null && previous != image) {
                byName.remove(name);
                ambiguousNames.add(name);
            }
        }
    }

    private static String nameOf(ImageCaptions image) {
        if (image.path() != null && image.path().getFileName() != null) {
            return image.path().getFileName().toString();
        }
        String id = image.imageId().replace('\\', '/');
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Finds the references of a photo (absolute, normalised path). */
    public Match match(Path photo) {
        ImageCaptions exact = byPath.get(photo);
        if (exact != null) {
            return new Match(MatchKind.PATH, exact);
        }
        Path name = photo.getFileName();
        if (name == null) {
            return new Match(MatchKind.NONE, null);
        }
        String n = name.toString();
        ImageCaptions byFileName = byName.get(n);
        if (byFileName != null) {
            return new Match(MatchKind.FILE_NAME, byFileName);
        }
        return new Match(ambiguousNames.contains(n) ? MatchKind.AMBIGUOUS : MatchKind.NONE, null);
    }

    /** The references of a photo, if it matches. */
    public Optional<ImageCaptions> find(Path photo) {
        return Optional.ofNullable(match(photo).image());
    }

    public Path file() {
        return file;
    }

    /** The format id the file was read as. */
    public String format() {
        return format;
    }

    /** Images with references in the file. */
    public int images() {
        return images;
    }

    /** Reference captions left out because they have no words after tokenisation. */
    public int droppedReferences() {
        return droppedReferences;
    }

    /** Problems the reader reported (rows skipped), each a sentence naming the file and line. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
