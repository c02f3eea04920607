package org.captionlab.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's checkpoint folder ({@code vocab.txt}, {@code decoder.zip}, {@code state.json}) written as a
 * set: the files go into a fresh temporary folder beside it, which then replaces the folder by renames
 * (the old set is moved aside, the new one into place, the old one deleted). A crash at any point leaves
 * either the old set or the new one readable, never a mix of two epochs: a folder is complete once its
 * {@code state.json}, written last, exists, and {@link #find} falls back to the set moved aside when the
 * crash came between the two renames.
 */
public final class Checkpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    /** The file written last; a folder without it is incomplete. */
    public static final String STATE_FILE = "state.json";
    private static final String OLD_SUFFIX = ".old";
    private static final String NEW_SUFFIX = ".new";

    /** Writes the set's files into a folder. */
    @FunctionalInterface
    public interface SetWriter {
        void writeInto(Path folder) throws IOException;
    }

    private Checkpoint() {
    }

    /**
     * Writes a complete set into {@code dir}, replacing the one there.
     *
     * @param writer writes every file of the set, {@link #STATE_FILE} last
     */
    public static void write(Path dir, SetWriter writer) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path fresh = parent.resolve(abs.getFileName() + NEW_SUFFIX);
        Path old = parent.resolve(abs.getFileName() + OLD_SUFFIX);
        deleteTree(fresh); // a crash during an earlier write left it half written
        Files.createDirectories(fresh);
        writer.writeInto(fresh);
        if (!Files.isRegularFile(fresh.resolve(STATE_FILE))) {
            throw new IOException("checkpoint writer did not write " + STATE_FILE + " into '" + fresh + "'");
        }
        if (Files.isDirectory(abs)) {
            deleteTree(old);
            move(abs, old);
        }
        move(fresh, abs);
        deleteTree(old);
    }

    /**
     * The folder holding the last complete set for {@code dir}: {@code dir} itself, or the set moved aside
     * when a write was interrupted between its renames; empty when there is none.
     */
    public static Optional<Path> find(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs.resolve(STATE_FILE))) {
            return Optional.of(abs);
        }
        Path old = abs.resolveSibling(abs.getFileName() + OLD_SUFFIX);
        if (Files.isRegularFile(old.resolve(STATE_FILE))) {
            LOG.warn("The checkpoint in '{}' was interrupted while being replaced; resuming from the previous one", abs);
            return Optional.of(old);
        }
        return Optional.empty();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
