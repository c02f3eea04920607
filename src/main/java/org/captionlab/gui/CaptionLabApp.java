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

    /** What the app says when there is no display to open its window on. */
    public static final String NO_DISPLAY = "captionlab: the desktop app needs a display, and none could be opened:"
            + " run it in a desktop session (or set DISPLAY), or use the command line (captionlab --help).";

    /**
     * System property: when {@code true}, the app logs how long after the process started its window showed its first
     * frame ({@value #SHOWN_MESSAGE} N ms) and exits; {@code captionlab bench} measures the start-up of the window so.
     */
    public static final String EXIT_WHEN_SHOWN = "captionlab.exitWhenShown";
    /** Start of the log line {@link #EXIT_WHEN_SHOWN} writes, followed by the milliseconds. */
    public static final String SHOWN_MESSAGE = "window shown, first frame after";

    /** JavaFX's own logger, kept so that its filter stays in place (loggers are held weakly). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /**
     * Starts the JavaFX application (called by the plain Launcher main class). Without a display it
     * says so in one sentence on {@code err} and returns {@code false} instead of printing JavaFX's stack trace.
     */
    public static boolean launchApp(String[] args, java.io.PrintStream err) {
        // The jar runs JavaFX from the class path, which JavaFX warns about at every start although it works.
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        if (!hasDisplay(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"))) {
            LOG.warn("no display: DISPLAY and WAYLAND_DISPLAY are unset");
            err.println(NO_DISPLAY);
            return false;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (isNoDisplay(error)) {
                LOG.warn("the display could not be opened", error);
                err.println(NO_DISPLAY);
                System.exit(3);
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                LOG.error("uncaught exception in {}", thread.getName(), error);
                error.printStackTrace();
            }
        });
        try {
            Application.launch(CaptionLabApp.class, args);
            if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
                // The model may still be loading on a worker thread: a measurement run ends here.
                System.exit(0);
            }
            return true;
        } catch (RuntimeException e) {
            if (isNoDisplay(e)) {
                LOG.warn("the display could not be opened", e);
                err.println(NO_DISPLAY);
                return false;
            }
            throw e;
        }
    }

    /** False on Linux and other X11/Wayland systems when neither DISPLAY nor WAYLAND_DISPLAY is set (Monocle needs none). */
    static boolean hasDisplay(java.util.Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return true;
        }
        return !isBlank(env.get("DISPLAY")) || !isBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** True for JavaFX's "Unable to open DISPLAY" anywhere in the causes. */
    static boolean isNoDisplay(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Unable to open DISPLAY")) {
                return true;
            }
        }
        return false;
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
        GuiSettings.WindowBounds bounds = vm.windowBounds();
        boolean restore = bounds != null && bounds.width() >= 800 && bounds.height() >= 560
                && !javafx.stage.Screen.getScreensForRectangle(bounds.x(), bounds.y(), bounds.width(), bounds.height()).isEmpty();
        stage.setScene(new Scene(MainView.create(vm), restore ? bounds.width() : 1280, restore ? bounds.height() : 800));
        if (restore) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
            stage.setMaximized(bounds.maximized());
        }
        // Window size and position are kept for the next start (not the maximised size itself).
        stage.setOnHiding(e -> vm.rememberWindow(new GuiSettings.WindowBounds(stage.getX(), stage.getY(),
                stage.getScene().getWidth(), stage.getScene().getHeight(), stage.isMaximized())));
        stage.titleProperty().bind(vm.titleProperty());
        var icon = CaptionLabApp.class.getResource("captionlab.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.show();
        LOG.info("CaptionLab started; loading model {}", model);
        vm.loadModel(model);
        List<Path> toOpen = pathsToOpen(args);
        if (!toOpen.isEmpty()) {
            LOG.info("opening {} from the command line", toOpen);
            vm.addPaths(toOpen);
        }
        if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
            exitAfterFirstFrame();
        }
    }

    /**
     * Logs the time from process start to the window's first rendered frame, then quits. A pulse lays out and
     * renders a frame; the second pulse starts once the first frame has been handed to the renderer.
     */
    private static void exitAfterFirstFrame() {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses < 2) {
                    return;
                }
                stop();
                long started = ProcessHandle.current().info().startInstant()
                        .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
                LOG.info("{} {} ms", SHOWN_MESSAGE, System.currentTimeMillis() - started);
                javafx.application.Platform.exit();
            }
        }.start();
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
    /** The photos and folders named on the command line (everything but the app's options and their values). */
    static List<Path> pathsToOpen(List<String> args) {
        List<Path> paths = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (!a.contains("=")) {
                    i++;   // the option's value
                }
            } else {
                // The launcher sent only existing paths here (a command's name goes to the command line); a file
                // gone since is reported by the library like any unreadable photo.
                paths.add(Path.of(a));
            }
        }
        return paths;
    }

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
