package org.captionlab.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.captionlab.gui.project.PhotoEntry;
import org.captionlab.gui.project.Project;
import org.captionlab.gui.project.ProjectStore;
import org.captionlab.image.ImageFiles;
import org.captionlab.service.Images;
import org.captionlab.util.Hashing;

/**
 * The file-system side of adding photos, run on a worker thread: scans the dropped or opened paths,
 * finds the project files of the folders among them and reads their edits, so that reopening a folder
 * brings back what was said about its photos.
 */
final class LibraryLoader {

    /**
     * What was found.
     *
     * @param photos      photos to add, in order: a reopened project's photos first (in its order), then
     *                    the rest of the scan
     * @param annotations edits and reviews from the project files found, by absolute photo path
     * @param projectFile the project the library should save to when it has none yet; null when no
     *                    folder or file was added
     * @param projectExists true when {@code projectFile} was saved before (so later saves keep it current
     *                    even without edits)
     * @param skipped     how many files are not images
     * @param missing     photos listed in a project file that no longer exist
     * @param problems    one sentence per unreadable folder or damaged project file
     * @param references  the reference captions file a project named, or null
     */
    record Result(List<Path> photos, Map<Path, PhotoEntry> annotations, Path projectFile, boolean projectExists,
                  int skipped, int missing, List<String> problems, Path references) {
    }

    private final ProjectStore store;
    private final Path stateDir;
    private final Predicate<Path> writable;

    LibraryLoader(ProjectStore store, Path stateDir) {
        this(store, stateDir, Files::isWritable);
    }

    /** @param writable whether a folder can take a project file (a test seam: root can write anywhere) */
    LibraryLoader(ProjectStore store, Path stateDir, Predicate<Path> writable) {
        this.store = store;
        this.stateDir = stateDir;
        this.writable = writable;
    }

    /**
     * Finds the images among dropped or opened files and folders with the service's {@link Images}
     * (folders recursively, hidden entries skipped, sorted by path), one input at a time so that the photos
     * come in the order the inputs were given. A path that no longer exists is reported, not fatal.
     */
    private static Listing find(List<Path> inputs) {
        Set<Path> images = new LinkedHashSet<>();
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        for (Path input : inputs) {
            Path abs = input.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                problems.add("'" + abs + "' does not exist");
                continue;
            }
            try {
                ImageFiles.Listing listing = Images.collect(List.of(abs));
                images.addAll(listing.images());
                skipped += listing.skipped();
            } catch (IOException e) {
                problems.add(Formats.reason(e));
            }
        }
        return new Listing(new ArrayList<>(images), skipped, problems);
    }

    private record Listing(List<Path> images, int skipped, List<String> problems) {
    }

    /** Scans dropped or opened files and folders. */
    Result scan(List<Path> inputs) {
        Listing scan = find(inputs);
        List<String> problems = new ArrayList<>(scan.problems());
        Map<Path, PhotoEntry> annotations = new LinkedHashMap<>();
        List<Path> ordered = new ArrayList<>();
        Set<Path> projectsRead = new HashSet<>();
        int missing = 0;
        Path projectFile = null;
        Path references = null;
        for (Path input : inputs) {
            Path abs = input.toAbsolutePath().normalize();
            boolean isFolder = Files.isDirectory(abs);
            Path folder = isFolder ? abs : abs.getParent();
            if (folder == null) {
                continue;
            }
            Path existing = existingProjectFor(folder);
            if (projectFile == null) {
                projectFile = existing != null ? existing : newProjectFileFor(folder);
            }
            if (existing == null || !projectsRead.add(existing)) {
                continue;
            }
            try {
                Project project = store.read(existing);
                Path dir = existing.toAbsolutePath().getParent();
                if (references == null && project.references() != null) {
                    references = ProjectStore.resolve(dir, project.references());
                }
                for (PhotoEntry e : project.photos()) {
                    Path photo = ProjectStore.resolve(dir, e.path());
                    if (e.isAnnotated()) {
                        annotations.putIfAbsent(photo, e);
                    }
                    // Reopening a folder brings back its whole project, in its order; dropping one file
                    // of a folder only picks up that file's edits.
                    if (isFolder) {
                        if (Files.isRegularFile(photo)) {
                            ordered.add(photo);
                        } else {
                            missing++;
                        }
                    }
                }
            } catch (IOException e) {
                problems.add(Formats.reason(e));
            }
        }
        return new Result(merge(ordered, scan.images()), annotations, projectFile,
                projectFile != null && Files.isRegularFile(projectFile), scan.skipped(), missing, problems, references);
    }

    /** Reads a project file chosen with File → Open project. */
    Result open(Path projectFile) throws IOException {
        Project project = store.read(projectFile);
        Path dir = projectFile.toAbsolutePath().getParent();
        List<Path> photos = new ArrayList<>();
        Map<Path, PhotoEntry> annotations = new LinkedHashMap<>();
        int missing = 0;
        for (PhotoEntry e : project.photos()) {
            Path photo = ProjectStore.resolve(dir, e.path());
            if (Files.isRegularFile(photo)) {
                photos.add(photo);
                if (e.isAnnotated()) {
                    annotations.put(photo, e);
                }
            } else {
                missing++;
            }
        }
        Path references = project.references() == null ? null : ProjectStore.resolve(dir, project.references());
        return new Result(photos, annotations, projectFile.toAbsolutePath(), true, 0, missing, List.of(), references);
    }

    private static List<Path> merge(List<Path> first, List<Path> then) {
        Set<Path> set = new LinkedHashSet<>(first);
        set.addAll(then);
        return new ArrayList<>(set);
    }

    /** The project file of a folder if one was saved before: beside the photos, or in the state folder. */
    Path existingProjectFor(Path folder) {
        Path beside = folder.resolve(ProjectStore.FILE_NAME);
        if (Files.isRegularFile(beside)) {
            return beside;
        }
        Path fallback = fallbackFor(folder);
        return Files.isRegularFile(fallback) ? fallback : null;
    }

    /** Where a folder's new project goes: beside the photos, or in the state folder when that is read-only. */
    Path newProjectFileFor(Path folder) {
        return writable.test(folder) ? folder.resolve(ProjectStore.FILE_NAME) : fallbackFor(folder);
    }

    private Path fallbackFor(Path folder) {
        Path name = folder.getFileName();
        String hash = Hashing.sha256(folder.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return stateDir.resolve("projects").resolve((name == null ? "root" : name.toString()) + "-" + hash + ".json");
    }
}
