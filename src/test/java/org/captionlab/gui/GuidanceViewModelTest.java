package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label guidance in the app, without a display: the model's recommendation is followed, the detail pane says
 * which label guided the caption, guidance can be turned off everywhere or for one photo (re-decoded from the
 * cached features), and the Compare view can put a model's guided and unguided captions side by side.
 */
class GuidanceViewModelTest {

    @TempDir
    Path tmp;

    private static final Manifest.Guide RECOMMENDED = new Manifest.Guide(0.4, 1);
    private final FakeCaptioner captioner = new FakeCaptioner(new ModelInfo("default", Path.of("models/default"),
            "mobilenet-v2", "rnn", 2541, "test model", DecodeOptions.beam(3, 3), RECOMMENDED));
    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel ready() {
        MainViewModel vm = new MainViewModel(dir -> dir.endsWith("default") ? captioner
                : new FakeCaptioner(captioner.info), new DirectTaskExecutor(), new FakeFileDialogs(),
                new FakeClipboard(), tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        vm.loadModel(tmp.resolve("models/default"));
        return vm;
    }

    private List<PhotoItem> add(MainViewModel vm, String... names) throws IOException {
        Path dir = tmp.resolve("photos");
        Files.createDirectories(dir);
        for (String n : names) {
            Files.writeString(dir.resolve(n), "not read by the fake captioner");
        }
        vm.addPaths(List.of(dir));
        return List.copyOf(vm.items());
    }

    @Test
    void theModelsRecommendationGuidesAndTheDetailSaysByWhichLabel() throws IOException {
        MainViewModel vm = ready();
        assertThat(vm.decoding().guideEnabledProperty().get()).isTrue();
        assertThat(vm.decoding().guide()).isEqualTo(RECOMMENDED);
        PhotoItem cat = add(vm, "cat.jpg").get(0);

        assertThat(cat.captions().get(0).text()).isEqualTo("a photo of cat cat");
        assertThat(cat.guidanceProperty().get().guided()).isTrue();
        vm.selectedProperty().set(cat);
        assertThat(vm.detail().guidanceTextProperty().get()).isEqualTo("Guided by cat label 0 50 % → cat");
        assertThat(vm.detail().guidedProperty().get()).isTrue();
        assertThat(captioner.guides).contains(RECOMMENDED);

        // A threshold above the label's probability: nothing guides, and the detail says why.
        vm.decoding().guideThresholdProperty().set(0.8);
        assertThat(cat.captions().get(0).text()).isEqualTo("a photo of cat");
        assertThat(vm.detail().guidanceTextProperty().get()).isEqualTo("Not guided: no label naming a thing reached 80 %.");
    }

    @Test
    void guidanceOffEverywhereOrForOnePhotoDecodesAgainFromTheCachedFeatures() throws IOException {
        MainViewModel vm = ready();
        List<PhotoItem> items = add(vm, "cat.jpg", "dog.jpg");
        PhotoItem cat = items.get(0);
        PhotoItem dog = items.get(1);
        vm.selectedProperty().set(cat);

        vm.detail().guidePhotoProperty().set(false);
        assertThat(cat.unguidedProperty().get()).isTrue();
        assertThat(cat.captions().get(0).text()).isEqualTo("a photo of cat");
        assertThat(vm.detail().guidanceTextProperty().get()).isEqualTo("Label guidance is off for this photo.");
        assertThat(dog.captions().get(0).text()).isEqualTo("a photo of dog dog"); // the others keep it

        vm.detail().guidePhotoProperty().set(true);
        assertThat(cat.captions().get(0).text()).isEqualTo("a photo of cat cat");

        vm.decoding().guideEnabledProperty().set(false);
        assertThat(vm.decoding().guide()).isNull();
        assertThat(items).allSatisfy(i -> assertThat(i.guidanceProperty().get().guided()).isFalse());
        assertThat(vm.detail().guidanceTextProperty().get()).isEqualTo("Label guidance is off.");
        // Re-decoded, never re-encoded.
        assertThat(captioner.encodes(cat.path())).isEqualTo(1);
        assertThat(captioner.encodes(dog.path())).isEqualTo(1);

        vm.decoding().reset();
        assertThat(vm.decoding().guide()).isEqualTo(RECOMMENDED);
        assertThat(cat.guidanceProperty().get().guided()).isTrue();
    }

    @Test
    void theCompareViewPutsGuidedAndUnguidedCaptionsSideBySide() throws IOException {
        MainViewModel vm = ready();
        List<PhotoItem> items = add(vm, "cat.jpg", "owl.jpg");
        vm.compareGuidedAndUnguided();

        assertThat(vm.inspection().comparedLaneProperty().get()).isEqualTo(LaneId.UNGUIDED);
        assertThat(vm.lanes().modelProperty(LaneId.UNGUIDED).get().name()).isEqualTo("default (unguided)");
        assertThat(vm.comparedModelProperty().get().name()).isEqualTo("default (unguided)");
        for (PhotoItem item : items) {
            String stem = item.fileName().replace(".jpg", "");
            assertThat(item.result(LaneId.MAIN).best()).isEqualTo("a photo of " + stem + " " + stem);
            assertThat(item.result(LaneId.UNGUIDED).best()).isEqualTo("a photo of " + stem);
            assertThat(item.result(LaneId.UNGUIDED).guidance().guided()).isFalse();
        }
    }
}
