package org.captionlab.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
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
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff");

    /** The formats read, in words for messages. */
    public static final String SUPPORTED_FORMATS = "JPEG, PNG, BMP, GIF or TIFF";

    /** Why a path met while collecting was not taken. */
    public enum SkipKind {
        /** A file without an image extension (WebP, HEIC, SVG, text...). */
        UNSUPPORTED("file that is not an image in a supported format", "files that are not images in a supported format"),
        /** A FIFO, socket or device. */
        SPECIAL("FIFO, socket or device (not a file)", "FIFOs, sockets or devices (not files)"),
        /** A symbolic link whose target does not exist. */
        BROKEN_LINK("broken symbolic link", "broken symbolic links"),
        /** A symbolic link that leads back into a folder above it. */
        LINK_LOOP("symbolic link loop", "symbolic link loops"),
        /** A folder or file that could not be read. */
        UNREADABLE("folder or file that cannot be read", "folders or files that cannot be read");

        private final String one;
        private final String many;

        SkipKind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** What {@code count} skipped paths of this kind are, e.g. "2 broken symbolic links". */
        public String describe(int count) {
            String text = count + " " + (count == 1 ? one : many);
            return this == UNSUPPORTED ? text + " (" + SUPPORTED_FORMATS + ")" : text;
        }
    }

    /**
     * One path that was not taken.
     *
     * @param path   the path, as met while walking
     * @param kind   why
     * @param detail the system's reason for {@link SkipKind#UNREADABLE} (e.g. "Permission denied"), else null
     */
    public record Skip(Path path, SkipKind kind, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);

    /**
     * The outcome of {@link #collect}.
     *
     * @param images image files, sorted by path, without duplicates
     * @param skipped files found that are not images by extension (hidden files not counted)
     * @param skips   every path that was not taken and why (files without an image extension, FIFOs and
     *                devices, broken links, link loops, unreadable folders), in the order met
     */
    public record Listing(List<Path> images, int skipped, List<Skip> skips) {
        public Listing {
            images = List.copyOf(images);
            skips = List.copyOf(skips);
        }

        public Listing(List<Path> images, int skipped) {
            this(images, skipped, List.of());
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
        List<Skip> skips = new ArrayList<>();
        int[] skipped = {0};
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                walk(input, found, skipped, skips);
            } else if (Files.exists(input)) {
                if (!Files.isRegularFile(input)) {
                    skips.add(new Skip(input, SkipKind.SPECIAL, specialKind(input)));
                } else if (isImageFile(input)) {
                    found.add(input);
                } else {
                    skipped[0]++;
                    skips.add(new Skip(input, SkipKind.UNSUPPORTED, null));
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
        return new Listing(unique, skipped[0], skips);
    }

    /**
     * What a special file is, in words ("a FIFO (named pipe)", "a socket", "a character device", "a block
     * device"), or null for a regular file, a folder, or where the file system does not say.
     */
    public static String specialKind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a FIFO (named pipe)";
                    case 0140000 -> "a socket";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    default -> null;
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("no unix:mode for '{}': {}", file, e.toString());
        }
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).isOther() ? "a special file" : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void walk(Path root, List<Path> found, int[] skipped, List<Skip> skips) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) {
                            // Links are followed: attributes of the link itself mean its target is missing.
                            skips.add(new Skip(file, SkipKind.BROKEN_LINK, null));
                        } else if (!attrs.isRegularFile()) {
                            skips.add(new Skip(file, SkipKind.SPECIAL, specialKind(file)));
                        } else if (isImageFile(file)) {
                            found.add(file);
                        } else {
                            skipped[0]++;
                            skips.add(new Skip(file, SkipKind.UNSUPPORTED, null));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // A link loop or an unreadable folder should not stop a batch of thousands.
                        LOG.warn("skipping '{}': {}", file, e.toString());
                        if (e instanceof FileSystemLoopException) {
                            skips.add(new Skip(file, SkipKind.LINK_LOOP, null));
                        } else {
                            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
                            skips.add(new Skip(file, SkipKind.UNREADABLE, reason));
                        }
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
