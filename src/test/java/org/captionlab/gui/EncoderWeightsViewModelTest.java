package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.captionlab.gui.notice.Notice;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.captionlab.service.EncoderFiles;
import org.captionlab.service.EncoderUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model loads but its encoder weights are missing: one short notice, the model's decoding kept, Locate… fixes it. */
class EncoderWeightsViewModelTest {

    private static final DecodeOptions MODEL_DECODING = new DecodeOptions(Strategy.BEAM, 7, 3, 16, 1.0, 2, 1.0, 0L);
    private static final Manifest.Guide MODEL_GUIDE = new Manifest.Guide(0.6, 1);

    @TempDir
    Path tmp;

    private final FakeFileDialogs dialogs = new FakeFileDialogs();
    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel viewModel(AtomicBoolean weightsThere) {
        FakeCaptioner captioner = new FakeCaptioner();
        MainViewModel vm = new MainViewModel(dir -> {
            if (!weightsThere.get()) {
                throw new EncoderUnavailableException(EncoderFiles.MODEL_FILE + " was not found and could not be downloaded"
                        + " (UnknownHostException: github.com): save it as /home/u/.captionlab/encoders/" + EncoderFiles.MODEL_FILE
                        + " (or pass --encoder-weights FILE)", null, "default", dir, MODEL_DECODING, MODEL_GUIDE, true);
            }
            return captioner;
        }, new DirectTaskExecutor(), dialogs, new FakeClipboard(), tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        return vm;
    }

    @Test
    void missingWeightsGiveOneShortSentenceAndKeepTheModelsDecoding() {
        MainViewModel vm = viewModel(new AtomicBoolean(false));

        vm.loadModel(tmp.resolve("models/default"));

        List<String> notices = vm.notices().items().stream().map(Notice::message).toList();
        assertThat(notices).containsExactly("The encoder weights (" + EncoderFiles.MODEL_FILE + ") are missing and could not"
                + " be downloaded: choose File → Locate encoder weights… to pick the file.");
        assertThat(notices.get(0)).doesNotContain("http", "--encoder-weights");
        assertThat(vm.modelStatusProperty().get())
                .isEqualTo("Model 'default' needs its encoder weights (File → Locate encoder weights…)");
        assertThat(vm.decoding().options()).isEqualTo(MODEL_DECODING);
        assertThat(vm.decoding().guide()).isEqualTo(MODEL_GUIDE);
        assertThat(vm.waitingForEncoderProperty().get()).isEqualTo(tmp.resolve("models/default").toAbsolutePath().normalize());
    }

    @Test
    void locatingTheWeightsInstallsThemAndLoadsTheModelAgain() {
        AtomicBoolean weightsThere = new AtomicBoolean(false);
        MainViewModel vm = viewModel(weightsThere);
        List<Path> installed = new ArrayList<>();
        vm.setEncoderInstaller(file -> {
            installed.add(file);
            weightsThere.set(true);
        });
        vm.loadModel(tmp.resolve("models/default"));
        dialogs.encoderWeights = tmp.resolve("Downloads").resolve(EncoderFiles.MODEL_FILE);

        vm.locateEncoderWeights();

        assertThat(installed).containsExactly(dialogs.encoderWeights);
        assertThat(vm.modelStatusProperty().get()).startsWith("Model 'default' ready");
        assertThat(vm.waitingForEncoderProperty().get()).isNull();
    }

    @Test
    void aWrongFileIsRefusedWithTheInstallersSentence() {
        MainViewModel vm = viewModel(new AtomicBoolean(false));
        vm.setEncoderInstaller(file -> {
            throw new IOException("'" + file + "' is not the MobileNetV2 file CaptionLab needs (its SHA-256 differs): choose "
                    + EncoderFiles.MODEL_FILE);
        });
        vm.loadModel(tmp.resolve("models/default"));
        vm.notices().dismissAll();
        dialogs.encoderWeights = tmp.resolve("cat.jpg");

        vm.locateEncoderWeights();

        assertThat(vm.notices().items()).extracting(Notice::message)
                .containsExactly("'" + tmp.resolve("cat.jpg") + "' is not the MobileNetV2 file CaptionLab needs (its SHA-256"
                        + " differs): choose " + EncoderFiles.MODEL_FILE);
        assertThat(vm.waitingForEncoderProperty().get()).isNotNull();
    }
}
