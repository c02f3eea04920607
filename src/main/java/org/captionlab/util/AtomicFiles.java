package org.captionlab.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that readers never see a half-written one: content goes to a temporary file in the
 * same folder, which is flushed to the disk ({@code fsync}) and then moved over the target (atomically
 * where the file system allows), after which the folder is flushed too, so that a power cut leaves either
 * the old or the new file, never an empty one. A failed write leaves the previous file untouched.
 *
 * <p>The new file gets the permissions of the file it replaces, or those the user's umask gives a new
 * file (not the 0600 of a temporary file). A target that is a symbolic link is written through: the file
 * it points to is replaced and the link stays.
 */
public final class AtomicFiles {

    /** Writes the content of an output stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /** Writes {@code target} through {@code writer} via a temporary sibling file. */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = resolveLinks(target);
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = createSibling(abs, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            // Some writers close the stream themselves (zip), so the content is flushed through a new handle.
            force(tmp);
            copyPermissions(abs, tmp);
            moveIntoPlace(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a UTF-8 string. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Moves a finished file over {@code target} (atomically where possible) after flushing it to disk, then
     * flushes the folder so that the rename itself survives a power cut. The file takes over the target's
     * permissions when there is one.
     */
    public static void commit(Path finished, Path target) throws IOException {
        Path abs = resolveLinks(target);
        force(finished);
        copyPermissions(abs, finished);
        moveIntoPlace(finished, abs);
    }

    private static void moveIntoPlace(Path tmp, Path abs) throws IOException {
        try {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(abs.getParent());
    }

    /**
     * The file a write to {@code target} should replace: {@code target} itself, or, when it is a symbolic
     * link (possibly dangling), the file the chain of links ends at, so that the link is kept.
     */
    public static Path resolveLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(p); i++) {
            Path link = Files.readSymbolicLink(p);
            p = p.getParent().resolve(link).normalize();
        }
        if (Files.isSymbolicLink(p)) {
            throw new IOException("'" + target + "' is a chain of more than " + MAX_LINKS + " symbolic links (a loop?)");
        }
        return p;
    }

    /**
     * Creates an empty file beside {@code target} named {@code .NAME.RANDOM.SUFFIX}, with the permissions the
     * umask gives a new file.
     */
    public static Path createSibling(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            Path candidate = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
            try {
                // Not Files.createTempFile: that makes the file 0600, and the result would keep that mode.
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Flushes a file's content to the disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Flushes a folder (the names in it) to the disk; a no-op where folders cannot be opened (Windows). */
    public static void forceFolder(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync folder '{}': {}", dir, e.toString());
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (source == null || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Set<PosixFilePermission> permissions = source.readAttributes().permissions();
            Files.setPosixFilePermissions(to, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot copy the permissions of '{}': {}", from, e.toString());
        }
    }
}
