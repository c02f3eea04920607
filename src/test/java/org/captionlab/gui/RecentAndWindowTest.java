package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File → Recent and the window's bounds persist between sessions. */
class RecentAndWindowTest {

    @TempDir
    Path tmp;

    private final FakeFileDialogs dialogs = new FakeFileDialogs();
    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel session() {
        MainViewModel vm = new MainViewModel(dir -> new FakeCaptioner(), new DirectTaskExecutor(), dialogs, new FakeClipboard(),
                tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        return vm;
    }

    private Path folder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("a.jpg"), "x");
        return dir.toAbsolutePath().normalize();
    }

    @Test
    void openedFoldersAreListedLatestFirstAndComeBackNextSession() throws IOException {
        MainViewModel vm = session();
        Path holiday = folder("holiday");
        Path garden = folder("garden");
        vm.addPaths(List.of(holiday));
        dialogs.folder = garden;
        vm.openFolder();
        vm.addPaths(List.of(holiday));
        assertThat(vm.recent()).containsExactly(holiday, garden);
        vm.close();

        MainViewModel again = session();

        assertThat(again.recent()).containsExactly(holiday, garden);
        dialogs.images = List.of();
        again.openImages();
        assertThat(dialogs.imagesOpenedIn).isEqualTo(holiday);
    }

    @Test
    void theWindowsBoundsComeBackNextSession() {
        MainViewModel vm = session();
        assertThat(vm.windowBounds()).isNull();
        vm.rememberWindow(new GuiSettings.WindowBounds(40, 30, 1600, 1000, false));
        vm.close();

        assertThat(session().windowBounds()).isEqualTo(new GuiSettings.WindowBounds(40, 30, 1600, 1000, false));
    }
}
