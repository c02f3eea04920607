package org.captionlab.gui.project;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes project files (JSON). Writes are atomic and flushed to disk ({@link AtomicFiles}): a
 * crash or power cut while saving leaves the previous file intact. Photo paths are stored relative to
 * the project file's folder so that a folder of photos can be moved or shared together with its project.
 *
 * <p>What the user said is never lost to a file this version cannot read:
 * <ul>
 *   <li>a project file that is not valid JSON, or is of a newer format version, is renamed aside
 *       ({@code .captionlab-project.unreadable-20261128T061500.json}) when it is read, and the
 *       {@link UnreadableProjectException} says where it went;
 *   <li>a file that could not be read at all (permissions, I/O error), or a JSON file that is no project,
 *       is never written over;
 *   <li>fields this version does not know (from a newer one) are kept: each write carries over the unknown
 *       fields of the file it replaces, at the top level and per photo.
 * </ul>
 */
public final class ProjectStore {

    /** The project file a folder gets when it is opened. */
    public static final String FILE_NAME = ".captionlab-project.json";

    private static final Logger LOG = LoggerFactory.getLogger(ProjectStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Set<String> PROJECT_FIELDS = fieldsOf(Project.class);
    private static final Set<String> PHOTO_FIELDS = fieldsOf(PhotoEntry.class);

    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer files may carry fields for later phases; an older app keeps what it understands.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // AtomicFiles closes the stream itself before moving the file into place.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Files that could not be read and were left in place: never written over. */
    private final Set<Path> protectedFiles = new HashSet<>();

    private static Set<String> fieldsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome of parsing a file: the project, or why it is none. */
    private record Parsed(JsonNode tree, Project project, String problem, boolean moveAside, Throwable cause) {
    }

    private Parsed parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file); // an I/O error here is thrown as it is: nothing was judged
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (JacksonException e) {
            return new Parsed(null, null, "is not valid JSON (" + e.getOriginalMessage() + ")", true, e);
        }
        if (tree == null || !tree.isObject() || !Project.FORMAT.equals(tree.path("format").asText(null))) {
            boolean empty = tree == null || tree.isMissingNode() || bytes.length == 0;
            return new Parsed(tree, null, empty ? "is empty"
                    : "is not a CaptionLab project (format should be '" + Project.FORMAT + "')", empty, null);
        }
        int version = tree.path("version").asInt(-1);
        if (version > Project.VERSION) {
            return new Parsed(tree, null, "has format version " + version + "; this CaptionLab reads version "
                    + Project.VERSION + " and older", true, null);
        }
        try {
            return new Parsed(tree, json.treeToValue(tree, Project.class), null, false, null);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
            return new Parsed(tree, null, "is damaged (" + why + ")", true, e);
        }
    }

    /**
     * Reads a project.
     *
     * @throws UnreadableProjectException with one sentence naming the file when it is damaged, of a newer
     *     version (then renamed aside, and the sentence says where) or no project (left alone)
     * @throws IOException when the file cannot be read at all; it is then never written over
     */
    public Project read(Path file) throws IOException {
        Parsed parsed;
        try {
            parsed = parse(file);
        } catch (IOException e) {
            protect(file);
            throw e;
        }
        if (parsed.project() != null) {
            unprotect(file);
            return parsed.project();
        }
        String what = "project file '" + file + "' " + parsed.problem();
        if (!parsed.moveAside() && !isOurs(file)) {
            protect(file);
            throw new UnreadableProjectException(what, file, null, parsed.cause());
        }
        Path aside = moveAside(file);
        throw new UnreadableProjectException(what + "; it was kept as '" + aside + "' and a new project is started"
                + " in its place", file, aside, parsed.cause());
    }

    /**
     * Writes a project atomically, creating the folder if needed. Unknown fields of the file it replaces are
     * carried over; a damaged file there is first renamed aside.
     *
     * @throws IOException when the file there could not be read (it is not written over)
     */
    public void write(Path file, Project project) throws IOException {
        if (isProtected(file) && Files.exists(file)) {
            throw new IOException("project file '" + file + "' could not be read, so it is not written over: "
                    + "move it away (or fix it) to save this project there");
        }
        ObjectNode out = json.valueToTree(project);
        if (Files.exists(file)) {
            Parsed old = parse(file);
            if (old.project() != null) {
                carryOverUnknownFields(old.tree(), out);
            } else if (old.moveAside() || isOurs(file)) {
                Path aside = moveAside(file);
                LOG.warn("project file '{}' {} when it was about to be saved; it was kept as '{}'", file, old.problem(), aside);
            } else {
                throw new IOException("'" + file + "' " + old.problem() + ", so it is not written over");
            }
        }
        AtomicFiles.write(file, stream -> json.writeValue(stream, out));
        unprotect(file);
    }

    private static void carryOverUnknownFields(JsonNode old, ObjectNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!PROJECT_FIELDS.contains(field.getKey()) && !out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
        Map<String, JsonNode> oldPhotos = new HashMap<>();
        for (JsonNode photo : old.path("photos")) {
            if (photo.isObject() && photo.path("path").isTextual()) {
                oldPhotos.putIfAbsent(photo.get("path").asText(), photo);
            }
        }
        for (JsonNode photo : out.path("photos")) {
            JsonNode before = oldPhotos.get(photo.path("path").asText());
            if (before == null || !(photo instanceof ObjectNode target)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!PHOTO_FIELDS.contains(field.getKey()) && !target.has(field.getKey())) {
                    target.set(field.getKey(), field.getValue());
                }
            }
        }
    }

    /** True for the file name CaptionLab gives project files: whatever is there was meant to be a project. */
    private static boolean isOurs(Path file) {
        Path name = file.getFileName();
        return name != null && FILE_NAME.equals(name.toString());
    }

    /** Renames {@code file} to a free {@code NAME.unreadable-STAMP.json} beside it. */
    private static Path moveAside(Path file) throws IOException {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        String stamp = LocalDateTime.now().format(STAMP);
        Path aside = file.resolveSibling(stem + ".unreadable-" + stamp + ".json");
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(stem + ".unreadable-" + stamp + "-" + i + ".json");
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.forceFolder(aside.toAbsolutePath().getParent());
        LOG.warn("unreadable project file '{}' renamed to '{}'", file, aside);
        return aside;
    }

    private synchronized void protect(Path file) {
        protectedFiles.add(file.toAbsolutePath().normalize());
    }

    private synchronized void unprotect(Path file) {
        protectedFiles.remove(file.toAbsolutePath().normalize());
    }

    private synchronized boolean isProtected(Path file) {
        return protectedFiles.contains(file.toAbsolutePath().normalize());
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
