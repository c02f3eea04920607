package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.gui.inspect.SortOrder;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README says: references sort the photos worst first, a comparison by disagreement; a chosen order stays. */
class AutoSortTest {

    private static final String REFERENCES = """
            path,caption
            exact.jpg,a photo of exact
            close.jpg,a photo of a close friend
            wrong.jpg,two dogs run across the grass
            """;

    @TempDir
    Path tmp;

    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel library() throws IOException {
        FakeCaptioner main = new FakeCaptioner();
        FakeCaptioner lstm = new FakeCaptioner(new ModelInfo("lstm", Path.of("m/lstm"), "mobilenet-v2", "lstm", 3000, "other"));
        MainViewModel vm = new MainViewModel(dir -> dir.getFileName().toString().equals("lstm") ? lstm : main,
                new DirectTaskExecutor(), new FakeFileDialogs(), new FakeClipboard(), tmp.resolve("state"), new MutableClock(),
                Duration.ofHours(1));
        opened.add(vm);
        vm.loadModel(tmp.resolve("models/default"));
        Path dir = Files.createDirectories(tmp.resolve("p"));
        for (String n : List.of("close.jpg", "exact.jpg", "wrong.jpg")) {
            Files.writeString(dir.resolve(n), "not read by the fake captioner");
        }
        vm.addPaths(List.of(dir));
        return vm;
    }

    @Test
    void loadedReferencesSortWorstFirst() throws IOException {
        MainViewModel vm = library();
        assertThat(vm.inspection().sortOrderProperty().get()).isEqualTo(SortOrder.LIBRARY);

        vm.loadReferences(Files.writeString(tmp.resolve("refs.csv"), REFERENCES));

        assertThat(vm.inspection().sortOrderProperty().get()).isEqualTo(SortOrder.CIDER_WORST);
    }

    @Test
    void aComparisonSortsByDisagreement() throws IOException {
        MainViewModel vm = library();
        vm.loadReferences(Files.writeString(tmp.resolve("refs.csv"), REFERENCES));

        vm.loadCompareModel(tmp.resolve("m/lstm"));

        assertThat(vm.inspection().sortOrderProperty().get()).isEqualTo(SortOrder.DISAGREEMENT);
        vm.closeComparison();
        assertThat(vm.inspection().sortOrderProperty().get()).isEqualTo(SortOrder.CIDER_WORST);
    }

    @Test
    void anOrderTheUserChoseIsKept() throws IOException {
        MainViewModel vm = library();
        vm.inspection().sortOrderProperty().set(SortOrder.NAME);

        vm.loadReferences(Files.writeString(tmp.resolve("refs.csv"), REFERENCES));
        vm.loadCompareModel(tmp.resolve("m/lstm"));

        assertThat(vm.inspection().sortOrderProperty().get()).isEqualTo(SortOrder.NAME);
        assertThat(vm.items()).extracting(PhotoItem::fileName).contains("close.jpg");
    }

    @Test
    void droppedPhotosMakeTheirFolderTheOneFileDialogsOpenIn() throws IOException {
        FakeFileDialogs dialogs = new FakeFileDialogs();
        MainViewModel vm = new MainViewModel(dir -> new FakeCaptioner(), new DirectTaskExecutor(), dialogs, new FakeClipboard(),
                tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        Path dir = Files.createDirectories(tmp.resolve("holiday"));
        Files.writeString(dir.resolve("beach.jpg"), "x");

        vm.addPaths(List.of(dir.resolve("beach.jpg")));
        vm.openImages();

        assertThat(dialogs.imagesOpenedIn).isEqualTo(dir.toAbsolutePath().normalize());
    }
}
