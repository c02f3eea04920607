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
}
