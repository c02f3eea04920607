package org.captionlab.gui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.task.PooledTaskExecutor;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.EncoderFiles;
import org.captionlab.service.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: composes the view model with the real pipeline and shows the main window.
 * The window appears at once; the model loads in the background (the status bar says when it is
 * ready). Options: {@code --model DIR}, {@code --encoder-weights PATH}.
 */
public final class CaptionLabApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionLabApp.class);

    private PooledTaskExecutor executor;
    private MainViewModel vm;

    /** Starts the JavaFX application (called by the plain Launcher main class). */
    public static void launchApp(String[] args) {
        Application.launch(CaptionLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Settings settings = Settings.fromEnvironment();
        List<String> args = getParameters().getRaw();
        Path model = option(args, "--model") != null ? Path.of(option(args, "--model")) : settings.defaultModel();
        String weights = option(args, "--encoder-weights");
        Path encoderWeights = weights != null ? Path.of(weights) : null;
        executor = PooledTaskExecutor.forJavaFx(2);
        vm = new MainViewModel(
                // The progress is the encoder weights' download, shown in the status bar.
                CaptionerFactory.reporting((dir, progress) -> CaptioningService.open(settings, dir, encoderWeights, progress)),
                executor,
                new FxFileDialogs(() -> stage),
                new FxClipboardSource(),
                settings.home().resolve("gui"));
        vm.setEncoderInstaller(file -> EncoderFiles.install(settings, file));
        stage.setScene(new Scene(MainView.create(vm), 1280, 800));
        stage.titleProperty().bind(vm.titleProperty());
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.show();
        LOG.info("CaptionLab started; loading model {}", model);
        vm.loadModel(model);
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.close();
        }
        if (executor != null) {
            executor.close();
        }
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, or null. */
    static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }
}
