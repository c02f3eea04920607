package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.captionlab.SharedAssets;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.task.PooledTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window, headless (Monocle), with real photos from ../shared and a deterministic fake
 * captioner: captions appear in the grid, a click shows the alternatives, a double-click edits.
 * Also writes screenshots of the main views to target/screenshots/ for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class MainViewFxTest {

    private static final List<String> PHOTOS = List.of("cat_720p.jpg", "parrot.jpg", "grace_hopper.bmp", "owl.jpg",
            "hot_dog.jpg", "kite_and_cold.jpg", "sunflower.bmp", "pets.jpg", "dragonfly.bmp");

    @TempDir
    Path tmp;

    private final FakeCaptioner captioner = new FakeCaptioner();
    private PooledTaskExecutor executor;
    private MainViewModel vm;
    private MainView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        executor = PooledTaskExecutor.forJavaFx(2);
        vm = new MainViewModel(dir -> captioner, executor, new FakeFileDialogs(), new FxClipboardSource(), tmp.resolve("state"));
        view = MainView.build(vm);
        scene = new Scene(view.root(), 1280, 800);
        stage.setScene(scene);
        // The primary stage is shared by the tests: undo an earlier test's resize.
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.titleProperty().bind(vm.titleProperty());
        stage.show();
        vm.loadModel(tmp.resolve("models/default"));
    }

    @AfterEach
    void tearDown() throws Exception {
        fx(() -> {
            vm.close();
            return null;
        });
        executor.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private Path photoFolder(boolean withBrokenFile) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        for (String name : PHOTOS) {
            Files.copy(SharedAssets.photo(name), dir.resolve(name));
        }
        Files.writeString(dir.resolve("COPYRIGHT.txt"), "not a photo");
        if (withBrokenFile) {
            Files.writeString(dir.resolve("broken.jpg"), "this is not a JPEG");
            captioner.broken.add("broken.jpg");
        }
        return dir;
    }

    private void addAndWaitForCaptions(Path dir, int expected) throws Exception {
        fx(() -> {
            vm.addPaths(List.of(dir));
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> vm.items().size() == expected
                && vm.items().stream().allMatch(i -> i.status() == PhotoStatus.DONE || i.status() == PhotoStatus.FAILED)
                && !vm.batch().isRunning()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForImages() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> scene.getRoot().lookupAll(".image-view").stream()
                .map(n -> ((ImageView) n).getImage())
                .allMatch(img -> img == null || img.getProgress() >= 1.0 || img.isError())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> tileCaptions(FxRobot robot) {
        return robot.lookup(".tile-caption").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
    }

    private static Label caption(FxRobot robot, String text) {
        return robot.lookup(".tile-caption").queryAllAs(Label.class).stream()
                .filter(l -> text.equals(l.getText()) && l.isVisible() && l.getScene() != null).findFirst().orElseThrow();
    }

    @Test
    void captionsAppearAndASelectedPhotoShowsAlternativesAndCanBeEdited(FxRobot robot) throws Exception {
        addAndWaitForCaptions(photoFolder(false), PHOTOS.size());
        // The grid lays its new rows out on the next pulse.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> tileCaptions(robot).containsAll(List.of("a photo of parrot", "a photo of owl", "a photo of cat_720p")));
        assertThat(tileCaptions(robot)).contains("a photo of parrot", "a photo of owl", "a photo of cat_720p");
        assertThat(robot.lookup("#model-status").queryAs(Label.class).getText())
                .isEqualTo("Model 'default' ready (mobilenet-v2, rnn, 2,541 words)");
        assertThat(robot.lookup("#library-status").queryAs(Label.class).getText()).isEqualTo("9 photos · 9 captioned");

        Label owlCaption = caption(robot, "a photo of owl");
        robot.clickOn(owlCaption);
        PhotoItem owl = fx(() -> vm.selectedProperty().get());
        assertThat(owl.fileName()).isEqualTo("owl.jpg");
        TableView<?> alternatives = robot.lookup("#alternatives").queryTableView();
        assertThat(alternatives.getItems()).hasSize(3);
        assertThat(robot.lookup("#word-flow .word-chip").queryAll()).hasSize(5); // four words and the end marker

        TextField caption = robot.lookup("#caption-field").queryAs(TextField.class);
        assertThat(caption.getText()).isEqualTo("a photo of owl");
        assertThat(caption.isEditable()).isFalse();
        robot.doubleClickOn(caption);
        assertThat(caption.isEditable()).isTrue();
        robot.eraseText(caption.getText().length() + 2).write("an owl on a branch").type(KeyCode.ENTER);

        assertThat(fx(() -> owl.editedCaptionProperty().get())).isEqualTo("an owl on a branch");
        assertThat(caption.isEditable()).isFalse();
        assertThat(tileCaptions(robot)).contains("an owl on a branch");
        assertThat(robot.lookup(".tile-edited").queryAllAs(Label.class).stream().filter(Node::isVisible).count()).isEqualTo(1);
        assertThat(fx(() -> owl.modelCaptionProperty().get())).as("the model's caption is kept").isEqualTo("a photo of owl");

        // Keyboard: the arrow moves the selection in the grid, F2 edits, Esc discards.
        robot.clickOn(owlCaption).type(KeyCode.RIGHT);
        PhotoItem next = fx(() -> vm.selectedProperty().get());
        assertThat(next).isNotSameAs(owl);
        robot.type(KeyCode.F2);
        assertThat(caption.isEditable()).isTrue();
        robot.write(" and more").type(KeyCode.ESCAPE);
        assertThat(fx(() -> next.isEdited())).isFalse();

        // Ctrl+V with image data on the system clipboard adds it as a PNG photo.
        fx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(new Image(SharedAssets.photo("bird.bmp").toUri().toString()));
            Clipboard.getSystemClipboard().setContent(content);
            return null;
        });
        robot.clickOn(owlCaption).press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> vm.items().size()) == PHOTOS.size() + 1);
        Path pasted = fx(() -> vm.items().get(PHOTOS.size()).path());
        assertThat(pasted.getFileName().toString()).isEqualTo("pasted-001.png");
        assertThat(ImageIO.read(pasted.toFile()).getWidth()).isGreaterThan(1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> fx(() -> vm.items().get(PHOTOS.size()).status() == PhotoStatus.DONE && !vm.batch().isRunning()));

        // A settings change re-decodes from cached features: no photo is encoded twice.
        int encodes = captioner.encoded.size();
        fx(() -> {
            vm.decoding().alternativesProperty().set(2);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> vm.detail().alternatives().size() == 2));
        assertThat(captioner.encoded).hasSize(encodes);
    }

    @Test
    void theGridCreatesTilesOnlyForVisiblePhotosAmongTenThousand(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 10_000; i++) {
            Files.createFile(dir.resolve(String.format("img%05d.jpg", i)));
        }
        addAndWaitForCaptions(dir, 10_000);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tileCaptions(robot).contains("a photo of img00001"));

        robot.clickOn(caption(robot, "a photo of img00001")).type(KeyCode.END);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tileCaptions(robot).contains("a photo of img09999"));

        assertThat(fx(() -> vm.selectedProperty().get().fileName())).isEqualTo("img09999.jpg");
        assertThat(robot.lookup(".photo-tile").queryAll().size()).as("tiles in the scene graph").isLessThan(100);

        // Photos added while scrolled to the end show up without the grid jumping back to the top.
        Path more = Files.createFile(Files.createDirectories(tmp.resolve("more")).resolve("zz-new.jpg"));
        fx(() -> {
            vm.addPaths(List.of(more));
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tileCaptions(robot).contains("a photo of zz-new"));
        assertThat(tileCaptions(robot)).contains("a photo of img09999").doesNotContain("a photo of img00000");
    }

    @Test
    void screenshotsOfTheMainViews(FxRobot robot) throws Exception {
        addAndWaitForCaptions(photoFolder(true), PHOTOS.size() + 1);
        fx(() -> {
            vm.selectedProperty().set(vm.items().stream().filter(i -> i.fileName().equals("parrot.jpg")).findFirst().orElseThrow());
            return null;
        });
        waitForImages();
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path grid = save(dir.resolve("main-light.png"));

        fx(() -> {
            vm.selectedProperty().get().editedCaptionProperty().set("a red and blue parrot on a branch");
            vm.themeProperty().set(Theme.DARK);
            return null;
        });
        waitForImages();
        Path dark = save(dir.resolve("main-dark.png"));

        fx(() -> {
            view.toggleHelp();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path help = save(dir.resolve("help-dark.png"));

        fx(() -> {
            view.toggleHelp();
            vm.themeProperty().set(Theme.LIGHT);
            scene.getWindow().setWidth(820);
            scene.getWindow().setHeight(600);
            return null;
        });
        waitForImages();
        Path narrow = save(dir.resolve("main-narrow.png"));

        for (Path p : List.of(grid, dark, help, narrow)) {
            assertThat(p).isNotEmptyFile();
            assertThat(distinctColours(p)).as("%s is not blank", p).isGreaterThan(500);
        }
    }

    private Path save(Path file) throws Exception {
        WritableImage image = fx(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }

    private static long distinctColours(Path png) throws IOException {
        var img = ImageIO.read(png.toFile());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
