package org.captionlab.gui.project;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.captionlab.util.AtomicFiles;

/**
 * Reads and writes project files (JSON). Writes are atomic ({@link AtomicFiles}): a crash while saving
 * leaves the previous file intact. Photo paths are stored relative to the project file's folder so that
 * a folder of photos can be moved or shared together with its project.
 */
public final class ProjectStore {

    /** The project file a folder gets when it is opened. */
    public static final String FILE_NAME = ".captionlab-project.json";

    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer files may carry fields for later phases; an older app keeps what it understands.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // AtomicFiles closes the stream itself before moving the file into place.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Reads a project.
     *
     * @throws IOException with one sentence naming the file when it is unreadable, not a project or of a
     *                     newer version
     */
    public Project read(Path file) throws IOException {
        Project project;
        try (InputStream in = Files.newInputStream(file)) {
            project = json.readValue(in, Project.class);
        } catch (JacksonException e) {
            throw new IOException("project file '" + file + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (project == null || !Project.FORMAT.equals(project.format())) {
            throw new IOException("project file '" + file + "' is not a CaptionLab project (format should be '" + Project.FORMAT + "')");
        }
        if (project.version() > Project.VERSION) {
            throw new IOException("project file '" + file + "' has format version " + project.version()
                    + "; this CaptionLab reads version " + Project.VERSION + " and older");
        }
        return project;
    }

    /** Writes a project atomically, creating the folder if needed. */
    public void write(Path file, Project project) throws IOException {
        AtomicFiles.write(file, out -> json.writeValue(out, project));
    }

    /** How a photo is named in a project stored in {@code projectDir}. */
    public static String relativize(Path projectDir, Path photo) {
        Path abs = photo.toAbsolutePath().normalize();
        Path dir = projectDir.toAbsolutePath().normalize();
        if (abs.getRoot() != null && abs.getRoot().equals(dir.getRoot())) {
            Path rel = dir.relativize(abs);
            return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
        }
        return abs.toString();
    }

    /** The photo a project stored in {@code projectDir} names with {@code path}. */
    public static Path resolve(Path projectDir, String path) {
        Path p = projectDir.getFileSystem().getPath(path.replace("/", projectDir.getFileSystem().getSeparator()));
        return projectDir.toAbsolutePath().resolve(p).normalize();
    }
}
