package org.captionlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File handling shared by the readers: opening UTF-8 text, resolving image paths, naming files. */
final class Sources {

    private static final char BOM = '\uFEFF';

    private Sources() {
    }

    /** Fails with a sentence naming the annotation file when it is missing or a folder. */
    static void requireFile(Path annotations) throws DatasetException {
        requireFile(annotations, "annotation file");
    }

    /** Fails with a sentence naming the file, e.g. {@code split list x.txt does not exist}. */
    static void requireFile(Path file, String what) throws DatasetException {
        if (Files.isDirectory(file)) {
            throw new DatasetException(what + " " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(what + " " + file + " does not exist");
        }
    }

    /**
     * Opens a UTF-8 text file, skipping a byte-order mark (spreadsheets write one). Undecodable
     * bytes fail the read with a {@link CharacterCodingException}; see {@link #notUtf8}.
     */
    static BufferedReader openText(Path file) throws IOException {
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            reader.mark(1);
            int first = reader.read();
            if (first != BOM) {
                reader.reset();
            }
            return reader;
        } catch (NoSuchFileException e) {
            throw new DatasetException("file " + file + " does not exist", e);
        }
    }

    /** Reads up to {@code maxChars} characters from the start of a text file (BOM skipped). */
    static String head(Path file, int maxChars) throws IOException {
        try (Reader reader = openText(file)) {
            char[] buf = new char[maxChars];
            int n = 0;
            int r;
            while (n < maxChars && (r = reader.read(buf, n, maxChars - n)) > 0) {
                n += r;
            }
            return new String(buf, 0, n);
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        }
    }

    /** The first line of a text file (BOM and line terminator removed), or null for an empty file. */
    static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = openText(file)) {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        }
    }

    static DatasetException notUtf8(Path file, CharacterCodingException e) {
        return new DatasetException("file " + file + " is not UTF-8 text", e);
    }

    /** The folder image names are resolved against: {@code imagesDir}, or the annotation file's folder. */
    static Path imagesBase(Path annotations, Path imagesDir) {
        Path base = imagesDir != null ? imagesDir : annotations.toAbsolutePath().getParent();
        return base.toAbsolutePath().normalize();
    }

    /**
     * Resolves an image name against the base folder; absolute names stay as they are.
     *
     * @return the path, or null when the name is not a valid path on this system
     */
    static Path resolve(Path base, String name) {
        try {
            return base.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The annotation file's name as used in problem sentences. */
    static String label(Path annotations) {
        Path name = annotations.getFileName();
        return name != null ? name.toString() : annotations.toString();
    }

    /** Shortens a quoted excerpt of bad input for an error message. */
    static String excerpt(String text) {
        String oneLine = text.replace("\t", "<TAB>").replace("\r", "").replace("\n", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
