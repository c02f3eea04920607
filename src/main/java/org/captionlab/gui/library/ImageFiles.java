package org.captionlab.gui.library;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds image files among dropped or opened paths: folders are walked recursively (hidden files and
 * folders skipped, links not followed so that a link cycle cannot hang the scan), everything else that
 * is not an image by its extension is counted as skipped.
 */
public final class ImageFiles {

    /** Extensions that both the encoder (ImageIO) and JavaFX's image loader read. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /**
     * What a scan found.
     *
     * @param images       image files, absolute and normalised, in a stable order (inputs in order, each
     *                     folder's files sorted by path), without duplicates
     * @param skippedFiles files that are not images
     * @param unreadable   one sentence per folder or path that could not be read
     */
    public record ScanResult(List<Path> images, List<Path> skippedFiles, List<String> unreadable) {
        public ScanResult {
            images = List.copyOf(images);
            skippedFiles = List.copyOf(skippedFiles);
            unreadable = List.copyOf(unreadable);
        }
    }

    private ImageFiles() {
    }

    /** True when the file name has an image extension. */
    public static boolean isImage(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Scans files and folders; slow on big trees, so call it off the UI thread. */
    public static ScanResult scan(List<Path> inputs) {
        Set<Path> images = new LinkedHashSet<>();
        Set<Path> skipped = new LinkedHashSet<>();
        List<String> unreadable = new ArrayList<>();
        for (Path input : inputs) {
            Path abs = input.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                walk(abs, images, skipped, unreadable);
            } else if (!Files.exists(abs)) {
                unreadable.add("'" + abs + "' does not exist");
            } else if (isImage(abs)) {
                images.add(abs);
            } else {
                skipped.add(abs);
            }
        }
        return new ScanResult(new ArrayList<>(images), new ArrayList<>(skipped), unreadable);
    }

    private static void walk(Path root, Set<Path> images, Set<Path> skipped, List<String> unreadable) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile() || isHidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (isImage(file)) {
                        found.add(file);
                    } else {
                        skipped.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add("'" + file + "' could not be read (" + e.getClass().getSimpleName() + ")");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadable.add("folder '" + root + "' could not be read: " + e.getMessage());
        }
        found.sort(Comparator.comparing(Path::toString));
        images.addAll(found);
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
