package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which decoding a session starts with: the model's recommendation, unless the user saved a preference
 * ("Remember these settings"); "Reset to model's defaults" goes back to the model and forgets the preference.
 */
class DecodingPreferenceTest {

    private static final DecodeOptions MODEL = new DecodeOptions(Strategy.BEAM, 7, 3, 16, 1.0, 2, 1.0, 0L);
    private static final DecodeOptions OTHER_MODEL = new DecodeOptions(Strategy.BEAM, 5, 3, 20, 0.7, 2, 1.0, 0L);

    @TempDir
    Path tmp;

    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    /** A new session (same state folder) with a model recommending {@code recommended}. */
    private MainViewModel session(DecodeOptions recommended) {
        FakeCaptioner model = new FakeCaptioner(new ModelInfo("default", Path.of("models/default"), "mobilenet-v2", "rnn",
                2541, "test model", recommended));
        MainViewModel vm = new MainViewModel(dir -> model, new DirectTaskExecutor(), new FakeFileDialogs(), new FakeClipboard(),
                tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        vm.loadModel(tmp.resolve("models/default"));
        return vm;
    }

    private void end(MainViewModel vm) {
        vm.close();
        opened.remove(vm);
    }

    @Test
    void aChangeMadeOnceDoesNotReplaceTheModelsDecodingInLaterSessions() {
        MainViewModel first = session(MODEL);
        assertThat(first.decoding().options()).isEqualTo(MODEL);
        first.decoding().beamWidthProperty().set(3);
        assertThat(first.decoding().options().beamWidth()).isEqualTo(3);
        end(first);

        MainViewModel second = session(MODEL);

        assertThat(second.decoding().options()).isEqualTo(MODEL);
        assertThat(second.decoding().rememberedProperty().get()).isFalse();
    }

    @Test
    void aSavedPreferenceWinsOverEveryModelsRecommendation() {
        MainViewModel first = session(MODEL);
        first.decoding().beamWidthProperty().set(3);
        first.decoding().rememberedProperty().set(true);
        end(first);

        MainViewModel second = session(OTHER_MODEL);

        assertThat(second.decoding().options().beamWidth()).isEqualTo(3);
        assertThat(second.decoding().options().lengthAlpha()).isEqualTo(1.0);
        assertThat(second.decoding().rememberedProperty().get()).isTrue();
    }

    @Test
    void resetGoesBackToTheModelAndForgetsThePreference() {
        MainViewModel first = session(MODEL);
        first.decoding().beamWidthProperty().set(3);
        first.decoding().rememberedProperty().set(true);
        first.decoding().reset();
        assertThat(first.decoding().options()).isEqualTo(MODEL);
        assertThat(first.decoding().rememberedProperty().get()).isFalse();
        end(first);

        MainViewModel second = session(OTHER_MODEL);

        assertThat(second.decoding().options()).isEqualTo(OTHER_MODEL);
    }
}
