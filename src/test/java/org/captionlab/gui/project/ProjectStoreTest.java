package org.captionlab.gui.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectStoreTest {

    @TempDir
    Path tmp;

    private final ProjectStore store = new ProjectStore();

    @Test
    void roundTripsEveryField() throws IOException {
        Project project = Project.of(List.of(
                new PhotoEntry("a.jpg", "a cat on a mat", Verdict.FAILURE, FailureCategory.WRONG_ATTRIBUTE, "the mat is red"),
                PhotoEntry.of("sub/b.png")));
        Path file = tmp.resolve(ProjectStore.FILE_NAME);
        store.write(file, project);

        assertThat(store.read(file)).isEqualTo(project);
        String json = Files.readString(file);
        assertThat(json).contains("\"WRONG_ATTRIBUTE\"").doesNotContain("null");
        assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void blankTextIsNoAnnotation() {
        assertThat(new PhotoEntry("a.jpg", "  ", null, null, "").isAnnotated()).isFalse();
        assertThat(new PhotoEntry("a.jpg", null, Verdict.OK, null, null).isAnnotated()).isTrue();
    }

    @Test
    void pathsAreRelativeWithSlashesAndResolveBack() {
        Path dir = tmp.resolve("photos");
        Path photo = dir.resolve("sub").resolve("c.jpg");
        assertThat(ProjectStore.relativize(dir, photo)).isEqualTo("sub/c.jpg");
        assertThat(ProjectStore.resolve(dir, "sub/c.jpg")).isEqualTo(photo);
        assertThat(ProjectStore.relativize(dir, tmp.resolve("other/d.jpg"))).isEqualTo("../other/d.jpg");
        assertThat(ProjectStore.resolve(dir, "../other/d.jpg")).isEqualTo(tmp.resolve("other/d.jpg"));
    }

    @Test
    void unknownFieldsFromNewerPhasesAreIgnored() throws IOException {
        Path file = tmp.resolve("p.json");
        Files.writeString(file, """
                {"format": "captionlab-project", "version": 1, "reviewer": "ann",
                 "photos": [{"path": "a.jpg", "editedCaption": "x", "bleu": 0.4}]}""");
        assertThat(store.read(file).photos()).containsExactly(new PhotoEntry("a.jpg", "x", null, null, null));
    }

    @Test
    void rejectsFilesThatAreNotProjectsOrTooNewWithTheFileNamed() throws IOException {
        Path other = tmp.resolve("package.json");
        Files.writeString(other, "{\"name\": \"x\"}");
        assertThatThrownBy(() -> store.read(other)).isInstanceOf(IOException.class)
                .hasMessageContaining("package.json").hasMessageContaining("not a CaptionLab project");

        Path newer = tmp.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"captionlab-project\", \"version\": 7, \"photos\": []}");
        assertThatThrownBy(() -> store.read(newer)).hasMessageContaining("newer.json").hasMessageContaining("version 7");

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"format\": ");
        assertThatThrownBy(() -> store.read(broken)).hasMessageContaining("broken.json").hasMessageContaining("not valid JSON");
    }

    private Path onlyAside(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().contains(".unreadable-")).toList();
            assertThat(aside).hasSize(1);
            return aside.get(0);
        }
    }

    @Test
    void aDamagedProjectIsRenamedAsideAndNeverWrittenOver() throws IOException {
        Path file = tmp.resolve(ProjectStore.FILE_NAME);
        String damaged = "{\"format\": \"captionlab-project\", \"version\": 1, \"photos\": [{\"path\": \"a.jpg\", "
                + "\"verdict\": \"FAILURE\", \"note\": \"keep me\"},";
        Files.writeString(file, damaged);

        assertThatThrownBy(() -> store.read(file)).isInstanceOf(UnreadableProjectException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON")
                .hasMessageContaining("kept as").hasMessageContaining(".captionlab-project.unreadable-");
        Path aside = onlyAside(tmp);
        assertThat(Files.readString(aside)).isEqualTo(damaged);
        assertThat(file).doesNotExist();

        // What the app does next: autosave an empty project to the same place. The damaged one stays.
        store.write(file, Project.of(List.of(PhotoEntry.of("a.jpg"))));
        assertThat(store.read(file).photos()).containsExactly(PhotoEntry.of("a.jpg"));
        assertThat(Files.readString(aside)).isEqualTo(damaged);
    }

    @Test
    void aNewerVersionIsKeptAsideWithItsContent() throws IOException {
        Path file = tmp.resolve(ProjectStore.FILE_NAME);
        String newer = "{\"format\": \"captionlab-project\", \"version\": 2, \"photos\": [{\"path\": \"a.jpg\", \"note\": \"n\"}]}";
        Files.writeString(file, newer);
        assertThatThrownBy(() -> store.read(file)).isInstanceOf(UnreadableProjectException.class)
                .hasMessageContaining("version 2").hasMessageContaining("kept as");
        Path aside = onlyAside(tmp);
        store.write(file, Project.of(List.of()));
        assertThat(Files.readString(aside)).isEqualTo(newer);
        assertThat(store.read(file).photos()).isEmpty();
    }

    @Test
    void unknownFieldsSurviveARewrite() throws IOException {
        Path file = tmp.resolve(ProjectStore.FILE_NAME);
        Files.writeString(file, """
                {"format": "captionlab-project", "version": 1, "reviewer": "ann", "settings": {"x": [1, 2]},
                 "photos": [{"path": "a.jpg", "note": "old", "bleu": 0.4}, {"path": "b.jpg", "tags": ["dog"]}]}""");
        Project read = store.read(file);
        store.write(file, Project.of(List.of(new PhotoEntry("a.jpg", null, Verdict.OK, null, "new"),
                read.photos().get(1), PhotoEntry.of("c.jpg"))));

        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertThat(tree.get("reviewer").asText()).isEqualTo("ann");
        assertThat(tree.get("settings").get("x").size()).isEqualTo(2);
        assertThat(tree.get("photos").get(0).get("bleu").asDouble()).isEqualTo(0.4);
        assertThat(tree.get("photos").get(0).get("note").asText()).isEqualTo("new");
        assertThat(tree.get("photos").get(1).get("tags").get(0).asText()).isEqualTo("dog");
        assertThat(tree.get("photos").get(2).has("tags")).isFalse();
        assertThat(store.read(file).photos().get(0).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aFileThatCouldNotBeReadIsNotWrittenOver() throws IOException {
        Path other = tmp.resolve("package.json");
        Files.writeString(other, "{\"name\": \"x\"}");
        assertThatThrownBy(() -> store.read(other)).isInstanceOf(UnreadableProjectException.class);
        assertThatThrownBy(() -> store.write(other, Project.of(List.of()))).hasMessageContaining("not written over");
        assertThat(Files.readString(other)).isEqualTo("{\"name\": \"x\"}");

        Path unreadable = Files.createDirectories(tmp.resolve("sub")).resolve(ProjectStore.FILE_NAME);
        Files.createDirectory(unreadable); // reading fails with an I/O error, whoever runs the test
        assertThatThrownBy(() -> store.read(unreadable)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.write(unreadable, Project.of(List.of()))).hasMessageContaining("not written over");
    }

    @Test
    void savedFilesAreReadableByOthersAsTheUmaskSays() throws IOException {
        Path file = tmp.resolve(ProjectStore.FILE_NAME);
        store.write(file, Project.of(List.of()));
        assertThat(Files.getPosixFilePermissions(file)).contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        store.write(file, Project.of(List.of(PhotoEntry.of("x.jpg"))));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
    }
}
