package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.gui.project.PhotoEntry;
import org.captionlab.gui.project.Project;
import org.captionlab.gui.project.ProjectStore;
import org.captionlab.gui.project.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryLoaderTest {

    @TempDir
    Path tmp;

    private final ProjectStore store = new ProjectStore();

    @Test
    void aReadOnlyFolderKeepsItsProjectInTheStateFolderAndFindsItAgain() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("cdrom"));
        Files.writeString(photos.resolve("a.jpg"), "x");
        LibraryLoader readOnly = new LibraryLoader(store, tmp.resolve("state"), dir -> false);

        LibraryLoader.Result first = readOnly.scan(List.of(photos));
        assertThat(first.projectFile().getParent()).isEqualTo(tmp.resolve("state/projects"));
        assertThat(first.projectFile().getFileName().toString()).startsWith("cdrom-").endsWith(".json");
        assertThat(first.projectExists()).isFalse();

        store.write(first.projectFile(), Project.of(List.of(new PhotoEntry(
                ProjectStore.relativize(first.projectFile().getParent(), photos.resolve("a.jpg")), "edited", Verdict.OK, null, null))));
        LibraryLoader.Result again = readOnly.scan(List.of(photos));
        assertThat(again.projectFile()).isEqualTo(first.projectFile());
        assertThat(again.projectExists()).isTrue();
        assertThat(again.annotations().get(photos.resolve("a.jpg")).editedCaption()).isEqualTo("edited");
    }

    @Test
    void reopeningAFolderRestoresTheProjectsOrderAndCountsMissingPhotos() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        for (String n : List.of("a.jpg", "b.jpg", "c.jpg")) {
            Files.writeString(dir.resolve(n), "x");
        }
        store.write(dir.resolve(ProjectStore.FILE_NAME), Project.of(List.of(
                PhotoEntry.of("c.jpg"), PhotoEntry.of("gone.jpg"), PhotoEntry.of("a.jpg"))));

        LibraryLoader.Result r = new LibraryLoader(store, tmp.resolve("state")).scan(List.of(dir));

        assertThat(r.photos()).extracting(p -> p.getFileName().toString()).containsExactly("c.jpg", "a.jpg", "b.jpg");
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.projectFile()).isEqualTo(dir.resolve(ProjectStore.FILE_NAME));
    }

    @Test
    void aDamagedProjectFileIsReportedAndThePhotosStillLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(dir.resolve("a.jpg"), "x");
        Files.writeString(dir.resolve(ProjectStore.FILE_NAME), "{ not json");

        LibraryLoader.Result r = new LibraryLoader(store, tmp.resolve("state")).scan(List.of(dir));

        assertThat(r.photos()).hasSize(1);
        assertThat(r.problems()).singleElement().asString().contains(ProjectStore.FILE_NAME).contains("not valid JSON");
    }
}
