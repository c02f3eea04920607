package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.lane.PreparationProgress;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.gui.notice.Notice;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.ProjectStore;
import org.captionlab.gui.project.Verdict;
import org.captionlab.gui.task.BackgroundTask;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.gui.task.TaskExecutor;
import org.captionlab.search.Strategy;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main view model without a display: a fake captioner, a synchronous executor, a fake clock. */
class MainViewModelTest {

    @TempDir
    Path tmp;

    private final FakeCaptioner captioner = new FakeCaptioner();
    private final FakeFileDialogs dialogs = new FakeFileDialogs();
    private final FakeClipboard clipboard = new FakeClipboard();
    private final MutableClock clock = new MutableClock();
    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel newViewModel(CaptionerFactory factory, org.captionlab.gui.task.TaskExecutor executor) {
        // An hour's autosave delay: only explicit flushes write, so the tests see exactly what a flush saves.
        MainViewModel vm = new MainViewModel(factory, executor, dialogs, clipboard, tmp.resolve("state"), clock, Duration.ofHours(1));
        opened.add(vm);
        return vm;
    }

    private MainViewModel readyViewModel() {
        return readyViewModel(captioner);
    }

    private MainViewModel readyViewModel(FakeCaptioner model) {
        MainViewModel vm = newViewModel(dir -> model, new DirectTaskExecutor());
        vm.loadModel(tmp.resolve("models/default"));
        return vm;
    }

    private Path photos(String folder, String... names) throws IOException {
        Path dir = tmp.resolve(folder);
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "not read by the fake captioner");
        }
        return dir;
    }

    private static List<String> messages(MainViewModel vm) {
        return vm.notices().items().stream().map(Notice::message).toList();
    }

    @Test
    void theEncoderWeightsDownloadIsShownThrottledThroughTheUiThread() {
        // The worker runs at once; what it hands to the UI thread waits in a queue until the test drains it.
        Deque<Runnable> uiQueue = new ArrayDeque<>();
        TaskExecutor executor = new TaskExecutor() {
            @Override
            public <T> void execute(BackgroundTask<T> task) {
                task.run(uiQueue::add);
            }

            @Override
            public Executor uiThread() {
                return uiQueue::add;
            }
        };
        long total = 3_400_000;
        CaptionerFactory downloading = CaptionerFactory.reporting((dir, progress) -> {
            progress.progress(0, total, "downloading mobilenet_v2_1.0_224.tflite");
            // 120 kB every 10 ms: 29 reports, of which the throttle passes one per 100 ms.
            for (long done = 120_000; done < total; done += 120_000) {
                clock.advance(Duration.ofMillis(10));
                progress.progress(done, total, "downloading mobilenet_v2_1.0_224.tflite");
            }
            progress.progress(total, total, "downloading mobilenet_v2_1.0_224.tflite");
            return captioner;
        });
        MainViewModel vm = newViewModel(downloading, executor);
        List<String> statuses = new ArrayList<>();
        vm.modelStatusProperty().addListener((o, a, b) -> statuses.add(b));

        vm.loadModel(tmp.resolve("models/default"));
        assertThat(statuses).as("nothing reaches the view model off the UI thread").containsExactly("Loading model 'default' …");
        while (!uiQueue.isEmpty()) {
            uiQueue.poll().run();
        }

        assertThat(statuses).containsExactly(
                "Loading model 'default' …",
                "Loading model 'default': Downloading encoder weights: 0.0 / 3.4 MB",
                "Loading model 'default': Downloading encoder weights: 1.2 / 3.4 MB",
                "Loading model 'default': Downloading encoder weights: 2.4 / 3.4 MB",
                "Loading model 'default': Downloading encoder weights: 3.4 / 3.4 MB",
                "Model 'default' ready (mobilenet-v2, rnn, 2,541 words)");
    }

    @Test
    void preparationTextsForBytesUnknownTotalsAndOtherMessages() {
        assertThat(PreparationProgress.text(1_234_567, -1, "downloading vgg16.zip"))
                .isEqualTo("Downloading encoder weights: 1.2 MB");
        assertThat(PreparationProgress.text(0, -1, "downloading VGG16 ImageNet weights (about 500 MB)"))
                .isEqualTo("Downloading VGG16 ImageNet weights (about 500 MB) …");
    }

    @Test
    void modelLoadsInTheBackgroundAndReportsItsStates() {
        MainViewModel vm = newViewModel(dir -> captioner, new DirectTaskExecutor());
        List<String> statuses = new ArrayList<>();
        List<ModelState> states = new ArrayList<>();
        vm.modelStatusProperty().addListener((o, a, b) -> statuses.add(b));
        vm.modelStateProperty().addListener((o, a, b) -> states.add(b));
        assertThat(vm.modelStateProperty().get()).isEqualTo(ModelState.NONE);

        vm.loadModel(tmp.resolve("models/default"));

        assertThat(states).containsExactly(ModelState.LOADING, ModelState.READY);
        assertThat(statuses).containsExactly("Loading model 'default' …", "Model 'default' ready (mobilenet-v2, rnn, 2,541 words)");
        assertThat(vm.modelProperty().get()).isEqualTo(captioner.info);
    }

    @Test
    void aModelThatFailsToLoadBecomesANoticeAndPhotosWaitForAGoodOne() throws IOException {
        MainViewModel vm = newViewModel(dir -> {
            if (dir.endsWith("broken")) {
                throw new IOException("encoder weights '" + dir.resolve("mobilenet.tflite") + "' are missing");
            }
            return captioner;
        }, new DirectTaskExecutor());
        vm.loadModel(tmp.resolve("models/broken"));

        assertThat(vm.modelStateProperty().get()).isEqualTo(ModelState.FAILED);
        assertThat(vm.modelStatusProperty().get()).isEqualTo("No caption model loaded (File → Open model…).");
        assertThat(vm.notices().items()).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.message()).contains("mobilenet.tflite").contains("are missing").doesNotContain("Exception");
        });

        vm.addPaths(List.of(photos("p", "a.jpg")));
        assertThat(vm.items()).singleElement().extracting(PhotoItem::status).isEqualTo(PhotoStatus.PENDING);
        assertThat(vm.batch().isRunning()).isFalse();

        vm.loadModel(tmp.resolve("models/default"));
        assertThat(vm.items()).singleElement().extracting(PhotoItem::status).isEqualTo(PhotoStatus.DONE);
    }

    @Test
    void photosAddedWhileTheModelLoadsAreCaptionedOnceItIsReady() throws IOException {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        MainViewModel vm = newViewModel(dir -> captioner, executor);
        vm.loadModel(tmp.resolve("models/default"));
        vm.addPaths(List.of(photos("p", "a.jpg", "b.jpg")));
        assertThat(vm.modelStateProperty().get()).isEqualTo(ModelState.LOADING);

        executor.runNext(); // the model load
        assertThat(vm.modelStateProperty().get()).isEqualTo(ModelState.READY);
        executor.runAll(); // the scan, then the photos

        assertThat(vm.items()).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);
    }

    @Test
    void droppedFoldersAreWalkedRecursivelyAndNonImagesAreCounted() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = photos("trip", "b.jpg", "a.JPG", "sub/c.png", "sub/deeper/d.bmp", "notes.txt", "sub/readme.md",
                ".hidden/e.jpg", ".f.jpg");
        Path loose = photos("loose", "g.gif").resolve("g.gif");

        vm.addPaths(List.of(dir, loose));

        assertThat(vm.items()).extracting(PhotoItem::fileName).containsExactly("a.JPG", "b.jpg", "c.png", "d.bmp", "g.gif");
        assertThat(messages(vm)).anySatisfy(m -> assertThat(m)
                .startsWith("Added 5 photos from 2 dropped items")
                .contains("skipped 2 files that are not an image"));
        assertThat(vm.items()).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);
        assertThat(vm.libraryStatusProperty().get()).isEqualTo("5 photos · 5 captioned");

        vm.addPaths(List.of(dir));
        assertThat(vm.items()).hasSize(5);
        assertThat(vm.notices().latest()).get().extracting(Notice::message).asString().contains("4 were already in the library");
    }

    @Test
    void aFolderWithoutImagesGivesAWarning() throws IOException {
        MainViewModel vm = readyViewModel();
        vm.addPaths(List.of(photos("docs", "a.txt", "b.pdf")));
        assertThat(vm.items()).isEmpty();
        assertThat(vm.notices().latest()).get().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.message()).startsWith("No images found in 'docs'").contains("skipped 2 files");
        });
    }

    @Test
    void changingDecodingSettingsReDecodesFromTheCachedFeatureWithoutEncodingAgain() throws IOException {
        MainViewModel vm = readyViewModel();
        vm.addPaths(List.of(photos("p", "a.jpg", "b.jpg", "c.jpg")));
        List<Path> paths = vm.items().stream().map(PhotoItem::path).toList();
        PhotoItem c = vm.items().get(2);
        vm.selectedProperty().set(c);
        assertThat(captioner.encoded).hasSize(3);
        assertThat(captioner.decoded).hasSize(3);
        assertThat(c.captions()).hasSize(3); // default: beam search, 3 alternatives
        int decodesBefore = captioner.decoded.size();

        vm.decoding().alternativesProperty().set(2);

        assertThat(captioner.encoded).hasSize(3); // no new forward pass
        paths.forEach(p -> assertThat(captioner.encodes(p)).isEqualTo(1));
        assertThat(captioner.decoded).hasSize(decodesBefore + 3);
        assertThat(captioner.decoded.get(decodesBefore)).as("the selected photo is re-decoded first").isEqualTo(c.path());
        assertThat(captioner.decodeOptions.get(captioner.decodeOptions.size() - 1).alternatives()).isEqualTo(2);
        assertThat(vm.items()).allSatisfy(item -> {
            assertThat(item.captions()).hasSize(2);
            assertThat(item.staleProperty().get()).isFalse();
        });
        assertThat(vm.detail().alternatives()).hasSize(2);

        vm.decoding().strategyProperty().set(Strategy.GREEDY);
        assertThat(captioner.encoded).hasSize(3);
        assertThat(c.captions()).hasSize(1);
        assertThat(captioner.decodeOptions.get(captioner.decodeOptions.size() - 1).strategy()).isEqualTo(Strategy.GREEDY);
    }

    @Test
    void theSelectedPhotoJumpsTheQueue() throws IOException {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        MainViewModel vm = newViewModel(dir -> captioner, executor);
        vm.loadModel(tmp.resolve("models/default"));
        executor.runNext();
        executor.runNext(); // the Model view reads the bundle's manifest and training log
        assertThat(vm.modelReport().mainProperty().get().name()).isEqualTo("default");
        vm.addPaths(List.of(photos("p", "1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.jpg")));
        executor.runNext(); // scan: photo 1 is selected and goes first
        executor.runNext(); // photo 1; now photo 2 is in flight while ...
        assertThat(vm.batch().countTextProperty().get()).isEqualTo("1 / 5");
        vm.selectedProperty().set(vm.items().get(3)); // ... the user clicks photo 4
        executor.runAll();

        assertThat(captioner.encoded).extracting(FakeCaptioner::stem).containsExactly("1", "2", "4", "3", "5");
        assertThat(vm.batch().isRunning()).isFalse();
        assertThat(vm.batchSummaryProperty().get()).startsWith("Captioned 5 photos in");
    }

    @Test
    void editedCaptionsAreMarkedAndKeptApartFromTheModels() throws IOException {
        MainViewModel vm = readyViewModel();
        vm.addPaths(List.of(photos("p", "cat.jpg", "dog.jpg")));
        PhotoItem cat = vm.items().get(0);
        vm.selectedProperty().set(cat);

        vm.detail().commitEdit("  a cat   sleeping on a mat ");

        assertThat(cat.isEdited()).isTrue();
        assertThat(cat.editedCaptionProperty().get()).isEqualTo("a cat sleeping on a mat");
        assertThat(cat.displayCaptionProperty().get()).isEqualTo("a cat sleeping on a mat");
        assertThat(cat.modelCaptionProperty().get()).isEqualTo("a photo of cat");
        assertThat(vm.detail().editedProperty().get()).isTrue();
        assertThat(vm.detail().captionProperty().get()).isEqualTo("a cat sleeping on a mat");
        assertThat(vm.detail().modelCaptionProperty().get()).isEqualTo("a photo of cat");
        assertThat(vm.libraryStatusProperty().get()).isEqualTo("2 photos · 2 captioned · 1 edited");

        // New decoding settings change the model's captions, never the user's.
        vm.decoding().maxLengthProperty().set(3);
        assertThat(cat.modelCaptionProperty().get()).isEqualTo("a photo of");
        assertThat(cat.editedCaptionProperty().get()).isEqualTo("a cat sleeping on a mat");

        vm.detail().commitEdit("a photo of");
        assertThat(cat.isEdited()).as("typing the model's own caption is no edit").isFalse();
        vm.detail().commitEdit("a cat");
        vm.detail().revertEdit();
        assertThat(cat.isEdited()).isFalse();
        assertThat(vm.libraryStatusProperty().get()).isEqualTo("2 photos · 2 captioned");
    }

    @Test
    void batchReportsProgressRateAndEtaAndCanBeCancelled() throws IOException {
        MainViewModel vm = readyViewModel();
        List<String> progress = new ArrayList<>();
        captioner.beforeEncode = p -> {
            clock.advance(Duration.ofMillis(500));
            String stem = FakeCaptioner.stem(p);
            if (stem.equals("05")) {
                progress.add(vm.batch().countTextProperty().get());
                progress.add(vm.batch().rateTextProperty().get());
            }
            if (stem.equals("07")) {
                vm.cancelBatch(); // the user presses Cancel while photo 7 is being encoded
            }
        };
        String[] names = new String[10];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format("%02d.jpg", i + 1);
        }
        vm.addPaths(List.of(photos("many", names)));

        // After 4 photos in 2 s: 2 photos/s, 6 left, 3 s to go.
        assertThat(progress).containsExactly("4 / 10", "2.0 photos/s · 0:03 left");
        assertThat(captioner.encoded).hasSize(7); // the photo in flight finishes
        assertThat(vm.batch().isRunning()).isFalse();
        assertThat(vm.batchSummaryProperty().get()).isEqualTo("Cancelled after 6 of 10 photos.");
        assertThat(vm.items().subList(0, 7)).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);
        assertThat(vm.items().subList(7, 10)).extracting(PhotoItem::status).containsOnly(PhotoStatus.PENDING);

        captioner.beforeEncode = p -> clock.advance(Duration.ofMillis(500));
        vm.captionAll();
        assertThat(vm.items()).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);
        assertThat(captioner.encoded).hasSize(10);
        assertThat(vm.batchSummaryProperty().get()).isEqualTo("Captioned 3 photos in 0:02 (2.0 photos/s).");
    }

    @Test
    void aBrokenFileBecomesAnErrorStateAndANoticeAndTheBatchGoesOn() throws IOException {
        MainViewModel vm = readyViewModel();
        captioner.broken.add("broken.jpg");
        vm.addPaths(List.of(photos("p", "a.jpg", "broken.jpg", "c.jpg")));

        PhotoItem broken = vm.items().get(1);
        assertThat(broken.status()).isEqualTo(PhotoStatus.FAILED);
        assertThat(broken.errorProperty().get()).contains("broken.jpg").contains("not a JPEG file");
        assertThat(vm.items().get(0).status()).isEqualTo(PhotoStatus.DONE);
        assertThat(vm.items().get(2).status()).isEqualTo(PhotoStatus.DONE);
        assertThat(vm.notices().items()).filteredOn(n -> n.severity() == Notice.Severity.ERROR)
                .singleElement().extracting(Notice::message).asString()
                .contains("broken.jpg").contains("not a JPEG file");
        assertThat(vm.batchSummaryProperty().get()).startsWith("Captioned 2 photos in").endsWith("; 1 failed.");
        assertThat(vm.libraryStatusProperty().get()).isEqualTo("3 photos · 2 captioned · 1 failed");

        captioner.broken.clear();
        vm.captionAll(); // retries failed photos
        assertThat(broken.status()).isEqualTo(PhotoStatus.DONE);
        assertThat(broken.errorProperty().get()).isNull();
    }

    @Test
    void manyFailuresShareOneSummaryNotice() throws IOException {
        MainViewModel vm = readyViewModel();
        String[] names = {"b1.jpg", "b2.jpg", "b3.jpg", "b4.jpg", "b5.jpg", "b6.jpg", "ok.jpg"};
        for (int i = 0; i < 6; i++) {
            captioner.broken.add(names[i]);
        }
        vm.addPaths(List.of(photos("p", names)));

        List<String> errors = vm.notices().items().stream().filter(n -> n.severity() == Notice.Severity.ERROR)
                .map(Notice::message).toList();
        assertThat(errors).hasSize(4);
        assertThat(errors.subList(0, 3)).allSatisfy(m -> assertThat(m).contains("not a JPEG file"));
        assertThat(errors.get(3)).isEqualTo("3 more photos could not be captioned; failed photos are marked in the grid.");
        assertThat(vm.items().get(6).status()).isEqualTo(PhotoStatus.DONE);
    }

    @Test
    void editsAreSavedBesideThePhotosAndComeBackWhenTheFolderIsReopened() throws IOException {
        Path dir = photos("holiday", "beach.jpg", "sub/kite.jpg");
        MainViewModel first = readyViewModel();
        first.addPaths(List.of(dir));
        Path projectFile = dir.resolve(ProjectStore.FILE_NAME);
        assertThat(first.projectFileProperty().get()).isEqualTo(projectFile);
        assertThat(first.titleProperty().get()).isEqualTo("CaptionLab — holiday");
        first.flush();
        assertThat(projectFile).as("a folder that was only looked at gets no project file").doesNotExist();

        PhotoItem kite = first.items().get(1);
        first.selectedProperty().set(kite);
        first.detail().commitEdit("a kite over the sea");
        kite.verdictProperty().set(Verdict.FAILURE);
        kite.failureCategoryProperty().set(FailureCategory.WRONG_OBJECT);
        kite.noteProperty().set("it is a parasail");
        first.flush();

        JsonNode json = new ObjectMapper().readTree(projectFile.toFile());
        assertThat(json.get("format").asText()).isEqualTo("captionlab-project");
        assertThat(json.get("photos")).hasSize(2);
        JsonNode entry = json.get("photos").get(1);
        assertThat(entry.get("path").asText()).isEqualTo("sub/kite.jpg");
        assertThat(entry.get("editedCaption").asText()).isEqualTo("a kite over the sea");
        assertThat(entry.get("verdict").asText()).isEqualTo("FAILURE");
        assertThat(entry.get("failureCategory").asText()).isEqualTo("WRONG_OBJECT");
        first.close();

        MainViewModel second = readyViewModel(new FakeCaptioner());
        second.addPaths(List.of(dir));
        PhotoItem again = second.photo(dir.resolve("sub/kite.jpg")).orElseThrow();
        assertThat(again.editedCaptionProperty().get()).isEqualTo("a kite over the sea");
        assertThat(again.verdictProperty().get()).isEqualTo(Verdict.FAILURE);
        assertThat(again.failureCategoryProperty().get()).isEqualTo(FailureCategory.WRONG_OBJECT);
        assertThat(again.noteProperty().get()).isEqualTo("it is a parasail");
        assertThat(again.modelCaptionProperty().get()).isEqualTo("a photo of kite");
        assertThat(second.items().get(0).isEdited()).isFalse();
        assertThat(messages(second)).anySatisfy(m -> assertThat(m).contains("restored the edits of 1 photo"));
    }

    @Test
    void openAndSaveProjectThroughTheDialogs() throws IOException {
        MainViewModel vm = readyViewModel();
        dialogs.images = List.of(photos("x", "one.jpg").resolve("one.jpg"), photos("y", "two.jpg").resolve("two.jpg"));
        vm.openImages();
        assertThat(vm.items()).hasSize(2);
        vm.detail().commitEdit("first");
        dialogs.projectToSave = tmp.resolve("elsewhere/mine.json");
        vm.saveProjectAs();
        assertThat(dialogs.projectToSave).exists();
        vm.clearLibrary();
        assertThat(vm.items()).isEmpty();

        dialogs.projectToOpen = dialogs.projectToSave;
        vm.openProject();
        assertThat(vm.items()).extracting(PhotoItem::fileName).containsExactly("one.jpg", "two.jpg");
        assertThat(vm.items().get(0).editedCaptionProperty().get()).isEqualTo("first");
        assertThat(vm.projectFileProperty().get()).isEqualTo(dialogs.projectToSave);
    }

    @Test
    void pasteAddsClipboardFilesOrSavesImageDataAsPng() throws IOException {
        MainViewModel vm = readyViewModel();
        clipboard.files = List.of(photos("clip", "copied.jpg").resolve("copied.jpg"));
        vm.paste();
        assertThat(vm.items()).extracting(PhotoItem::fileName).containsExactly("copied.jpg");

        clipboard.files = List.of();
        BufferedImage screenshot = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        screenshot.setRGB(1, 1, 0xff0000);
        clipboard.image = screenshot;
        vm.paste();

        assertThat(vm.items()).hasSize(2);
        Path pasted = vm.items().get(1).path();
        assertThat(pasted).startsWith(tmp.resolve("state").resolve("pasted")).hasFileName("pasted-001.png");
        BufferedImage back = ImageIO.read(pasted.toFile());
        assertThat(back.getWidth()).isEqualTo(8);
        assertThat(back.getRGB(1, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(vm.items().get(1).status()).isEqualTo(PhotoStatus.DONE);

        clipboard.image = null;
        vm.paste();
        assertThat(vm.notices().latest()).get().extracting(Notice::message).asString().contains("no image and no files");
    }

    @Test
    void anotherModelWithTheSameEncoderKeepsFeaturesAndAnotherEncoderDropsThem() throws IOException {
        FakeCaptioner lstm = new FakeCaptioner(new ModelInfo("lstm", Path.of("m/lstm"), "mobilenet-v2", "lstm", 3000, ""));
        FakeCaptioner vgg = new FakeCaptioner(new ModelInfo("vgg", Path.of("m/vgg"), "vgg16", "lstm", 3000, ""));
        MainViewModel vm = newViewModel(dir -> switch (dir.getFileName().toString()) {
            case "lstm" -> lstm;
            case "vgg" -> vgg;
            default -> captioner;
        }, new DirectTaskExecutor());
        vm.loadModel(tmp.resolve("m/default"));
        vm.addPaths(List.of(photos("p", "a.jpg", "b.jpg")));

        dialogs.modelFolder = tmp.resolve("m/lstm");
        vm.openModel();
        assertThat(captioner.closed).isTrue();
        assertThat(vm.modelStatusProperty().get()).isEqualTo("Model 'lstm' ready (mobilenet-v2, lstm, 3,000 words)");
        // Same encoder: the cached features are decoded by the new model, nothing is encoded again.
        assertThat(lstm.encoded).isEmpty();
        assertThat(vm.items()).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);

        vm.loadModel(tmp.resolve("m/vgg"));
        assertThat(vgg.encoded).hasSize(2);
        assertThat(vm.items()).extracting(PhotoItem::status).containsOnly(PhotoStatus.DONE);
    }

    @Test
    void themeAndDecodingSettingsAreRemembered() throws IOException {
        MainViewModel vm = readyViewModel();
        vm.themeProperty().set(Theme.DARK);
        vm.decoding().strategyProperty().set(Strategy.SAMPLE);
        vm.decoding().temperatureProperty().set(0.7);
        vm.decoding().seedProperty().set(1234);
        vm.decoding().rememberedProperty().set(true);
        vm.close();

        MainViewModel again = readyViewModel(new FakeCaptioner());
        assertThat(again.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(again.decoding().options().strategy()).isEqualTo(Strategy.SAMPLE);
        assertThat(again.decoding().options().temperature()).isEqualTo(0.7);
        assertThat(again.decoding().options().seed()).isEqualTo(1234);
    }

    @Test
    void tenThousandPhotosAreHandledInLinearTime() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 10_000; i++) {
            Files.createFile(dir.resolve(String.format("img%05d.jpg", i)));
        }
        long start = System.nanoTime();
        vm.addPaths(List.of(dir));
        vm.decoding().beamWidthProperty().set(4); // re-decodes all 10,000 from cached features
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(vm.items()).hasSize(10_000);
        assertThat(captioner.encoded).hasSize(10_000);
        assertThat(captioner.decoded).hasSize(20_000);
        assertThat(vm.libraryStatusProperty().get()).isEqualTo("10,000 photos · 10,000 captioned");
        // Quadratic bookkeeping (a recount per status change) takes minutes here; linear takes about a second.
        assertThat(millis).as("add, caption and re-decode 10,000 photos (ms)").isLessThan(30_000);
    }

    @Test
    void closeReleasesTheModel() {
        MainViewModel vm = readyViewModel();
        vm.close();
        assertThat(captioner.closed).isTrue();
    }
}
