package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+Z / Ctrl+Shift+Z take back and redo caption edits, verdicts, categories and notes, in order. */
class UndoHistoryTest {

    @TempDir
    Path tmp;

    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel library() throws IOException {
        MainViewModel vm = new MainViewModel(dir -> new FakeCaptioner(), new DirectTaskExecutor(), new FakeFileDialogs(),
                new FakeClipboard(), tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        vm.loadModel(tmp.resolve("models/default"));
        Path dir = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(dir.resolve("cat.jpg"), "x");
        vm.addPaths(List.of(dir));
        return vm;
    }

    @Test
    void editsVerdictsCategoriesAndNotesAreUndoneAndRedoneInOrder() throws IOException {
        MainViewModel vm = library();
        PhotoItem cat = vm.items().get(0);
        assertThat(vm.canUndoProperty().get()).as("captioning is not an edit").isFalse();

        cat.editedCaptionProperty().set("a cat on a mat");
        cat.verdictProperty().set(Verdict.FAILURE);
        cat.failureCategoryProperty().set(FailureCategory.WRONG_OBJECT);
        cat.noteProperty().set("it is a cat");

        vm.undo();
        assertThat(cat.noteProperty().get()).isNull();
        vm.undo();
        assertThat(cat.failureCategoryProperty().get()).isNull();
        vm.undo();
        assertThat(cat.verdictProperty().get()).isNotEqualTo(Verdict.FAILURE);
        vm.undo();
        assertThat(cat.isEdited()).isFalse();
        assertThat(vm.canUndoProperty().get()).isFalse();

        vm.redo();
        vm.redo();
        assertThat(cat.editedCaptionProperty().get()).isEqualTo("a cat on a mat");
        assertThat(cat.verdictProperty().get()).isEqualTo(Verdict.FAILURE);
        assertThat(cat.failureCategoryProperty().get()).isNull();

        cat.noteProperty().set("new note");
        assertThat(vm.canRedoProperty().get()).as("a new change empties the redo list").isFalse();
    }
}
