package org.captionlab.image;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the image files among the paths a user gave (files and folders, folders searched
 * recursively), for the CLI and the desktop app. Selection is by extension ({@link #EXTENSIONS},
 * case-insensitive); hidden files and folders inside searched folders are ignored.
 */
public final class ImageFiles {

    /** Extensions (lower case, without dot) treated as images. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);

    /**
     * The outcome of {@link #collect}.
     *
     * @param images image files, sorted by path, without duplicates
     * @param skipped files found that are not images by extension (hidden files not counted)
     */
    public record Listing(List<Path> images, int skipped) {
        public Listing {
            images = List.copyOf(images);
        }
    }

    private ImageFiles() {
    }

    /** True if the file name has one of the image {@link #EXTENSIONS}. */
    public static boolean isImageFile(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 && dot < s.length() - 1 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Collects the image files among {@code inputs}. A file given explicitly is taken if it has an
     * image extension (even when hidden) and counted as skipped otherwise; a folder is searched
     * recursively, following links, skipping hidden entries. Unreadable sub-folders are logged and
     * skipped.
     *
     * @throws IOException naming the path if an input does not exist
     */
    public static Listing collect(List<Path> inputs) throws IOException {
        Objects.requireNonNull(inputs, "inputs");
        List<Path> found = new ArrayList<>();
        int[] skipped = {0};
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                walk(input, found, skipped);
            } else if (Files.exists(input)) {
                if (isImageFile(input)) {
                    found.add(input);
                } else {
                    skipped[0]++;
                }
            } else {
                throw new IOException("input '" + input + "' does not exist");
            }
        }
        // The same file may be reached twice (a folder and a file in it, or "a" and "./a").
        Set<Path> seen = new HashSet<>();
        List<Path> unique = new ArrayList<>();
        for (Path p : found) {
            if (seen.add(p.toAbsolutePath().normalize())) {
                unique.add(p);
            }
        }
        unique.sort(null);
        return new Listing(unique, skipped[0]);
    }

    private static void walk(Path root, List<Path> found, int[] skipped) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile() || isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (isImageFile(file)) {
                            found.add(file);
                        } else {
                            skipped[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // A link loop or an unreadable folder should not stop a batch of thousands.
                        LOG.warn("skipping '{}': {}", file, e.toString());
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        if (name != null && name.toString().startsWith(".")) {
            return true;
        }
        try {
            return Files.isHidden(p); // the DOS attribute on Windows
        } catch (IOException e) {
            return false;
        }
    }
}
