package org.captionlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of many image files are missing with one directory listing per folder instead of one
 * stat per image: a COCO split names 40,000+ images, and a stat per file is slow on network drives.
 */
final class MissingFiles {

    private MissingFiles() {
    }

    /** The paths among {@code paths} that are not existing files. */
    static Set<Path> missing(Collection<Path> paths) throws IOException {
        Map<Path, List<Path>> byFolder = new LinkedHashMap<>();
        for (Path p : paths) {
            byFolder.computeIfAbsent(p.getParent(), k -> new ArrayList<>()).add(p);
        }
        Set<Path> missing = new HashSet<>();
        for (Map.Entry<Path, List<Path>> e : byFolder.entrySet()) {
            Path folder = e.getKey();
            if (folder == null || !Files.isDirectory(folder)) {
                missing.addAll(e.getValue());
                continue;
            }
            Set<String> names = list(folder);
            for (Path p : e.getValue()) {
                // A name absent from the listing may still exist on a case-insensitive file system
                // (IMG.JPG vs img.jpg): only those few get a stat of their own.
                if (!names.contains(p.getFileName().toString()) && !Files.isRegularFile(p)) {
                    missing.add(p);
                }
            }
        }
        return missing;
    }

    private static Set<String> list(Path folder) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return names;
    }
}
