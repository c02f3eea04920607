package org.captionlab.gui;

import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.captionlab.gui.decoding.DecodingView;
import org.captionlab.gui.detail.PhotoDetailView;
import org.captionlab.gui.library.LibraryView;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.gui.notice.NoticeArea;

/**
 * Builds the main window's scene graph from a {@link MainViewModel}: menu bar, tool bar, the three
 * panes (library grid | photo detail | decoding controls), notices, status bar, help overlay, and
 * drag-and-drop. The view only binds and forwards actions; all state lives in the view model.
 *
 * <p>Use: {@code new Scene(MainView.create(vm), 1280, 800)}. The themes' stylesheets are set on the
 * returned root, so the scene needs none.
 */
public final class MainView {

    /** Thumbnails kept in memory: a few screens of a large grid. */
    private static final int THUMBNAIL_CACHE_SIZE = 600;

    private final MainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final LibraryView library;
    private final PhotoDetailView detail;
    private final DecodingView decoding;
    private final StackPane help;
    private final Node dropHint;

    private MainView(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
        root.getStyleClass().add("main-root");
        root.setId("main-root");
        applyTheme(vm.themeProperty().get());
        vm.themeProperty().addListener((obs, old, now) -> applyTheme(now));

        library = new LibraryView(vm.items(), vm.selectedProperty(),
                new ThumbnailCache(THUMBNAIL_CACHE_SIZE, LibraryView.IMAGE_WIDTH, LibraryView.IMAGE_HEIGHT),
                this::editCaption,
                LibraryView.emptyHint("Drop photos or folders here, or use File → Open images… (Ctrl+O) "
                        + "or Open folder… (Ctrl+Shift+O)."));
        detail = new PhotoDetailView(vm.detail());
        decoding = new DecodingView(vm.decoding());

        SplitPane panes = new SplitPane();
        panes.setId("main-split");
        Node grid = titled("Library", library.node());
        Node decodingNode = decoding.node();
        panes.getItems().addAll(grid, detail.node(), decodingNode);
        panes.setDividerPositions(0.47, 0.79);
        // Below about 1,000 px the decoding panel and the grid give up width first; the detail keeps
        // enough to read a caption.
        SplitPane.setResizableWithParent(decodingNode, false);
        ((Region) detail.node()).setMinWidth(300);

        help = helpOverlay();
        dropHint = dropOverlay();
        NoticeArea noticeArea = new NoticeArea(vm.notices());
        StackPane center = new StackPane(panes, dropHint, noticeArea.node(), help);
        // Overlays must not impose their size on the window, or a short window pushes the status bar out.
        for (Node overlay : List.of(dropHint, help, noticeArea.node())) {
            ((Region) overlay).setMinSize(0, 0);
        }
        StackPane.setAlignment(noticeArea.node(), Pos.BOTTOM_RIGHT);
        StackPane.setMargin(noticeArea.node(), new Insets(12));

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(center);
        root.setBottom(statusBar());
        installDragAndDrop();
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && help.isVisible()) {
                help.setVisible(false);
                e.consume();
            }
        });
    }

    /** The root for {@code new Scene(MainView.create(vm))}. */
    public static Parent create(MainViewModel vm) {
        return new MainView(vm).root;
    }

    /** The view itself, for tests that reach into its parts. */
    static MainView build(MainViewModel vm) {
        return new MainView(vm);
    }

    Parent root() {
        return root;
    }

    LibraryView library() {
        return library;
    }

    PhotoDetailView detail() {
        return detail;
    }

    /** Shows or hides the help panel. */
    void toggleHelp() {
        help.setVisible(!help.isVisible());
        if (help.isVisible()) {
            help.requestFocus();
        }
    }

    private void applyTheme(Theme theme) {
        Theme t = theme == null ? Theme.LIGHT : theme;
        root.getStylesheets().setAll(stylesheet("base.css"), stylesheet(t.stylesheet()));
    }

    private static String stylesheet(String name) {
        URL url = MainView.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + name + " is missing from the classpath");
        }
        return url.toExternalForm();
    }

    private void editCaption() {
        if (vm.selectedProperty().get() != null) {
            detail.startEditing();
        }
    }

    // ------------------------------------------------------------------ menus and tool bar

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("Open images…", Shortcuts.OPEN_IMAGES, vm::openImages),
                item("Open folder…", Shortcuts.OPEN_FOLDER, vm::openFolder),
                item("Open project…", null, vm::openProject),
                new SeparatorMenuItem(),
                item("Save project", Shortcuts.SAVE_PROJECT, vm::saveProject),
                item("Save project as…", Shortcuts.SAVE_PROJECT_AS, vm::saveProjectAs),
                item("Close library", null, vm::clearLibrary),
                new SeparatorMenuItem(),
                item("Open model…", Shortcuts.OPEN_MODEL, vm::openModel),
                new SeparatorMenuItem(),
                item("Quit", Shortcuts.QUIT, this::quit));

        Menu edit = new Menu("_Edit");
        MenuItem editCaption = item("Edit caption", Shortcuts.EDIT_CAPTION, this::editCaption);
        editCaption.disableProperty().bind(vm.selectedProperty().isNull());
        MenuItem revert = item("Revert to model's caption", Shortcuts.REVERT_CAPTION, () -> vm.detail().revertEdit());
        revert.disableProperty().bind(vm.detail().editedProperty().not());
        edit.getItems().addAll(item("Paste", Shortcuts.PASTE, this::paste), new SeparatorMenuItem(), editCaption, revert);

        Menu caption = new Menu("_Caption");
        MenuItem all = item("Caption all", Shortcuts.CAPTION_ALL, vm::captionAll);
        all.disableProperty().bind(Bindings.isEmpty(vm.items()));
        MenuItem cancel = item("Cancel captioning", Shortcuts.CANCEL_BATCH, vm::cancelBatch);
        cancel.disableProperty().bind(vm.batch().runningProperty().not());
        caption.getItems().addAll(all, cancel);

        Menu view = new Menu("_View");
        Menu themes = new Menu("Theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t.label());
            r.setToggleGroup(group);
            r.setSelected(vm.themeProperty().get() == t);
            r.setOnAction(e -> vm.themeProperty().set(t));
            vm.themeProperty().addListener((obs, o, n) -> r.setSelected(n == t));
            themes.getItems().add(r);
        }
        view.getItems().addAll(themes, item("Toggle theme", Shortcuts.TOGGLE_THEME, this::toggleTheme),
                new SeparatorMenuItem(), item("Dismiss all notices", Shortcuts.DISMISS_NOTICES, () -> vm.notices().dismissAll()));

        Menu helpMenu = new Menu("_Help");
        helpMenu.getItems().add(item("Keyboard shortcuts", Shortcuts.HELP, this::toggleHelp));

        MenuBar bar = new MenuBar(file, edit, caption, view, helpMenu);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, Shortcuts.Shortcut shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (shortcut != null) {
            item.setAccelerator(shortcut.combination());
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button images = toolButton("Open images", "images", "Add photos to the library", Shortcuts.OPEN_IMAGES, vm::openImages);
        Button folder = toolButton("Open folder", "folder", "Add a folder of photos, with its sub-folders", Shortcuts.OPEN_FOLDER, vm::openFolder);
        Button paste = toolButton("Paste", "paste", "Add images or files from the clipboard", Shortcuts.PASTE, this::paste);
        Button all = toolButton("Caption all", "play", "Caption every photo that has no up-to-date caption (failed ones are retried)",
                Shortcuts.CAPTION_ALL, vm::captionAll);
        all.setId("caption-all");
        all.disableProperty().bind(Bindings.isEmpty(vm.items()).or(vm.batch().runningProperty()));
        Button model = toolButton("Model", "model", "Open another caption model bundle", Shortcuts.OPEN_MODEL, vm::openModel);
        Button theme = toolButton("", "theme", "Switch between light and dark theme", Shortcuts.TOGGLE_THEME, this::toggleTheme);
        Button helpButton = toolButton("", "help", "Keyboard shortcuts and tips", Shortcuts.HELP, this::toggleHelp);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(images, folder, paste, new Separator(), all, model, spacer, theme, helpButton);
        bar.setId("tool-bar");
        return bar;
    }

    private static Button toolButton(String text, String icon, String tip, Shortcuts.Shortcut shortcut, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.getStyleClass().add("tool-button");
        b.setTooltip(new Tooltip(tip + (shortcut == null ? "" : " (" + shortcut.display() + ")")));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private void toggleTheme() {
        vm.themeProperty().set(vm.themeProperty().get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    /** Ctrl+V pastes text into a text field being edited; elsewhere it adds photos from the clipboard. */
    private void paste() {
        if (root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl t && t.isEditable()) {
            t.paste();
        } else {
            vm.paste();
        }
    }

    private void quit() {
        Window w = root.getScene() == null ? null : root.getScene().getWindow();
        if (w != null) {
            // A close request, so the application's close handling (saving, shutdown) runs as for the window's X.
            w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }

    // ------------------------------------------------------------------ status bar, overlays, drag and drop

    private Node statusBar() {
        Label model = new Label();
        model.setId("model-status");
        model.textProperty().bind(vm.modelStatusProperty());
        model.setGraphic(Icons.icon("model"));
        model.setTooltip(new Tooltip("The caption model; File → Open model… (Ctrl+M) loads another"));
        model.getStyleClass().add("model-status");
        vm.modelStateProperty().addListener((obs, o, n) -> {
            model.getStyleClass().removeAll("state-loading", "state-failed", "state-ready");
            model.getStyleClass().add("state-" + n.name().toLowerCase(java.util.Locale.ROOT));
        });
        model.setMinWidth(Region.USE_PREF_SIZE);

        ProgressBar bar = new ProgressBar();
        bar.setId("batch-progress");
        bar.progressProperty().bind(vm.batch().progressProperty());
        bar.setPrefWidth(160);
        bar.setTooltip(new Tooltip("Captioning progress"));
        Label count = new Label();
        count.setId("batch-count");
        count.textProperty().bind(vm.batch().countTextProperty());
        count.setTooltip(new Tooltip("Photos captioned in this batch / photos in it"));
        count.setMinWidth(Region.USE_PREF_SIZE);
        Label rate = new Label();
        rate.setId("batch-rate");
        rate.textProperty().bind(vm.batch().rateTextProperty());
        rate.getStyleClass().add("muted");
        rate.setTooltip(new Tooltip("Speed so far and the time left at that speed"));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-batch");
        cancel.getStyleClass().add("small-button");
        cancel.setTooltip(new Tooltip("Stop captioning; the photo in progress finishes (" + Shortcuts.CANCEL_BATCH.display() + ")"));
        cancel.setOnAction(e -> vm.cancelBatch());
        HBox progress = new HBox(8, bar, count, rate, cancel);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(vm.batch().runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        Label summary = new Label();
        summary.setId("batch-summary");
        summary.textProperty().bind(vm.batchSummaryProperty());
        summary.getStyleClass().add("muted");
        summary.visibleProperty().bind(vm.batch().runningProperty().not().and(vm.batchSummaryProperty().isNotEmpty()));
        summary.managedProperty().bind(summary.visibleProperty());
        summary.setTooltip(new Tooltip("How the last captioning batch went"));

        Label scanning = new Label("Scanning folders…");
        scanning.getStyleClass().add("muted");
        scanning.visibleProperty().bind(vm.scanningProperty());
        scanning.managedProperty().bind(scanning.visibleProperty());

        Label library = new Label();
        library.setId("library-status");
        library.textProperty().bind(vm.libraryStatusProperty());
        Tooltip projectTip = new Tooltip();
        projectTip.textProperty().bind(Bindings.createStringBinding(() -> vm.projectFileProperty().get() == null
                ? "Edits are saved automatically once photos are added"
                : "Edits are saved automatically to " + vm.projectFileProperty().get(), vm.projectFileProperty()));
        library.setTooltip(projectTip);
        library.setMinWidth(Region.USE_PREF_SIZE);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox status = new HBox(14, model, spacer, scanning, progress, summary, new Separator(javafx.geometry.Orientation.VERTICAL), library);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
        status.setId("status-bar");
        return status;
    }

    private static Node titled(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-title");
        VBox box = new VBox(heading, content);
        box.getStyleClass().add("library-pane");
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setMinWidth(200);
        return box;
    }

    private StackPane helpOverlay() {
        GridPane keys = new GridPane();
        keys.setHgap(18);
        keys.setVgap(6);
        int row = 0;
        for (List<Shortcuts.Shortcut> group : List.of(Shortcuts.ALL, Shortcuts.OTHER_KEYS)) {
            for (Shortcuts.Shortcut s : group) {
                Label k = new Label(s.display());
                k.getStyleClass().add("key");
                Label a = new Label(s.action());
                a.setWrapText(true);
                keys.addRow(row++, k, a);
            }
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Label tips = new Label("Drop photos or folders anywhere on the window. Edits are saved automatically "
                + "as .captionlab-project.json beside the photos and come back when the folder is opened again. "
                + "Hover any control for a hint.");
        tips.setWrapText(true);
        tips.getStyleClass().add("muted");
        Button close = new Button("Close");
        close.setTooltip(new Tooltip("Close the help (Esc or F1)"));
        close.setOnAction(e -> toggleHelp());
        close.setDefaultButton(false);
        VBox card = new VBox(12, title, keys, tips, close);
        card.getStyleClass().add("help-card");
        card.setPadding(new Insets(20));
        ScrollPane scroll = new ScrollPane(card);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("help-scroll");
        scroll.setMaxSize(580, Region.USE_PREF_SIZE);
        // As tall as the card when there is room; scrolls only in a short window.
        scroll.prefViewportHeightProperty().bind(card.heightProperty());
        StackPane overlay = new StackPane(scroll);
        StackPane.setMargin(scroll, new Insets(16));
        overlay.getStyleClass().add("help-overlay");
        overlay.setId("help");
        overlay.setVisible(false);
        overlay.setOnMouseClicked(e -> {
            if (e.getTarget() == overlay) { // a click beside the card closes it
                overlay.setVisible(false);
            }
        });
        return overlay;
    }

    private Node dropOverlay() {
        Label label = new Label("Drop to add photos");
        label.setGraphic(Icons.icon("drop"));
        label.getStyleClass().add("drop-label");
        StackPane pane = new StackPane(label);
        pane.getStyleClass().add("drop-overlay");
        pane.setVisible(false);
        pane.setMouseTransparent(true);
        return pane;
    }

    private void installDragAndDrop() {
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                dropHint.setVisible(true);
            }
            e.consume();
        });
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> dropHint.setVisible(false));
        root.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Dragboard db = e.getDragboard();
            boolean ok = db.hasFiles();
            if (ok) {
                vm.addPaths(db.getFiles().stream().map(File::toPath).toList());
            }
            dropHint.setVisible(false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
