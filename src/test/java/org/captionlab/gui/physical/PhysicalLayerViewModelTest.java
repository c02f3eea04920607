package org.captionlab.gui.physical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.captionlab.imaging.DefocusBlur;
import org.junit.jupiter.api.Test;

/** The view model without a display: same-thread or hand-cranked executors. */
class PhysicalLayerViewModelTest {

    private final SharpnessCaptioner captioner = new SharpnessCaptioner(0);

    @Test
    void aStrongBlurChangesTheCaption() {
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel(captioner, p -> SharpnessCaptioner.stripes(), Runnable::run, Runnable::run);
        vm.photoProperty().set(Path.of("stripes.png"));
        assertThat(vm.cleanCaptionProperty().get()).isEqualTo(SharpnessCaptioner.SHARP);
        assertThat(vm.captionProperty().get()).isEqualTo(SharpnessCaptioner.SHARP);
        assertThat(vm.originalProperty().get()).isNotNull();
        assertThat(vm.labels()).singleElement().asString().startsWith("golden retriever ");

        vm.knob("defocus.radius").set(8);
        assertThat(vm.systemProperty().get().stages()).containsExactly(DefocusBlur.disc(8));
        assertThat(vm.captionProperty().get()).isEqualTo(SharpnessCaptioner.BLURRY);
        assertThat(vm.alternatives()).hasSize(2).first().asString().startsWith(SharpnessCaptioner.BLURRY + " (");
        assertThat(vm.statusProperty().get()).isEqualTo("defocus disc r=8.00 px");
        assertThat(vm.busyProperty().get()).isFalse();

        vm.reset();
        assertThat(vm.captionProperty().get()).isEqualTo(SharpnessCaptioner.SHARP);
        assertThat(vm.systemProperty().get().stages()).isEmpty();
    }

    @Test
    void slidersMovedWhileWorkingCoalesceAndStaleResultsAreDropped() {
        Deque<Runnable> background = new ArrayDeque<>();
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel(captioner, p -> SharpnessCaptioner.stripes(), background::add, Runnable::run);
        List<String> shown = new ArrayList<>();
        vm.captionProperty().addListener((obs, o, n) -> shown.add(n));

        vm.photoProperty().set(Path.of("stripes.png"));
        assertThat(background).hasSize(1);
        assertThat(vm.busyProperty().get()).isTrue();
        // a drag: many values while the first update runs; none starts work of its own
        for (double r = 0.5; r <= 8; r += 0.5) {
            vm.knob("defocus.radius").set(r);
        }
        assertThat(background).hasSize(1);
        background.poll().run();       // the first update finishes: stale, so its caption is not shown
        assertThat(shown).isEmpty();
        assertThat(background).hasSize(1); // one more update, with the latest values
        background.poll().run();
        assertThat(background).isEmpty();
        assertThat(shown).containsExactly(SharpnessCaptioner.BLURRY);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(captioner.calls).isEqualTo(3); // clean photo once, two degraded images
    }

    @Test
    void sweepThisParameterTracksLogProbAndWordsKept() {
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel(captioner, p -> SharpnessCaptioner.stripes(), Runnable::run, Runnable::run);
        vm.photoProperty().set(Path.of("stripes.png"));
        vm.sweepKnobProperty().set("defocus.radius");
        vm.sweepSelected();
        assertThat(vm.sweep()).hasSize(PhysicalLayerViewModel.SWEEP_POINTS);
        assertThat(vm.sweep().get(0).value()).isZero();
        assertThat(vm.sweep().get(0).nounsKept()).isEqualTo(1.0);
        assertThat(vm.sweep().get(6).value()).isEqualTo(8.0);
        assertThat(vm.sweep().get(6).nounsKept()).isZero(); // "dog runs grass" all lost
        assertThat(vm.sweep().get(6).logProb()).isLessThan(vm.sweep().get(0).logProb());
        assertThat(vm.sweepingProperty().get()).isFalse();
    }

    @Test
    void nothingIsCaptionedWhileTheViewIsHidden() {
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel(captioner, p -> SharpnessCaptioner.stripes(), Runnable::run, Runnable::run);
        vm.activeProperty().set(false);
        vm.photoProperty().set(Path.of("stripes.png"));
        vm.knob("defocus.radius").set(8);
        assertThat(captioner.calls).isZero();
        vm.activeProperty().set(true);
        assertThat(captioner.calls).isEqualTo(2);
        assertThat(vm.captionProperty().get()).isEqualTo(SharpnessCaptioner.BLURRY);
    }

    @Test
    void aPhotoThatCannotBeReadIsReported() {
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel(captioner, p -> {
            throw new IllegalStateException("image 'x.jpg': the file does not exist");
        }, Runnable::run, Runnable::run);
        vm.photoProperty().set(Path.of("x.jpg"));
        assertThat(vm.statusProperty().get()).contains("Could not caption 'x.jpg'", "does not exist");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void contentWordsLeaveOutFunctionWords() {
        assertThat(PhysicalLayerViewModel.contentWords("A dog runs on the grass with a ball")).containsExactly("dog", "runs", "grass", "ball");
        assertThat(PhysicalLayerViewModel.kept(List.of("dog", "grass"), "a dog in the snow")).isEqualTo(0.5);
    }
}
