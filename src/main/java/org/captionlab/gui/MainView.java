package org.captionlab.gui;

import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
import org.captionlab.gui.export.ExportScope;
import org.captionlab.gui.inspect.CompareView;
import org.captionlab.gui.inspect.FilterBar;
import org.captionlab.gui.inspect.ReviewView;
import org.captionlab.gui.library.LibraryView;
import org.captionlab.gui.library.ThumbnailCache;
import org.captionlab.gui.notice.NoticeArea;
import org.captionlab.gui.training.ModelReportView;

/**
 * Builds the main window's scene graph from a {@link MainViewModel}: menu bar, tool bar, the filter bar,
 * four views in tabs (Photos: library grid | photo detail | decoding controls; Review; Compare; Model),
 * notices, status bar, help overlay, and drag-and-drop. The view only binds and forwards actions; all state lives in the view model.
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
    private final FilterBar filterBar;
    private final ReviewView review;
    private final CompareView compare;
    private final TabPane tabs = new TabPane();
    private final Tab photosTab;
    private final Tab reviewTab;
    private final Tab compareTab;
    private final Tab modelTab;
    private final StackPane help;
    private final Node dropHint;

    private MainView(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
        root.getStyleClass().add("main-root");
        root.setId("main-root");
        applyTheme(vm.themeProperty().get());
        vm.themeProperty().addListener((obs, old, now) -> applyTheme(now));

        ThumbnailCache thumbnails = new ThumbnailCache(THUMBNAIL_CACHE_SIZE, LibraryView.MAX_IMAGE_WIDTH, LibraryView.MAX_IMAGE_HEIGHT);
        library = new LibraryView(vm.inspection().visible(), vm.selectedProperty(), thumbnails, this::editCaption, gridPlaceholder());
        // The detail pane and the review panel show the same selected photo: one decode serves both.
        ThumbnailCache previews = new ThumbnailCache(4, PhotoDetailView.PREVIEW_SIZE, PhotoDetailView.PREVIEW_SIZE);
        detail = new PhotoDetailView(vm.detail(), previews);
        decoding = new DecodingView(vm.decoding());
        filterBar = new FilterBar(vm.inspection());
        review = new ReviewView(vm.inspection(), thumbnails, previews);
        compare = new CompareView(vm.inspection(), thumbnails, vm.modelProperty(), vm.comparedModelProperty(),
                vm.comparedStatusProperty(), vm.lanes().otherLanes(), vm::openCompareModel, vm::closeComparison);

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
        photosTab = tab("Photos", "images", "The photo grid, the selected photo and the decoding settings (Ctrl+1)");
        reviewTab = tab("Review", "review",
                "Side by side: photo, caption, references, scores, verdict; reviewed with the keyboard (Ctrl+2)");
        compareTab = tab("Compare", "compare", "Two models' captions and scores on the same photos (Ctrl+3)");
        modelTab = tab("Model", "model",
                "How the model (and the comparison model) was trained: provenance, recorded metrics, training curves (Ctrl+4)");
        Tab physicalTab = tab("Physical layer", "images", "The selected photo through a simulated camera: blur, noise, resolution…");
        vm.physical().activeProperty().bind(physicalTab.selectedProperty());
        tabs.getTabs().setAll(photosTab, reviewTab, compareTab, modelTab, physicalTab);
        tabs.setId("view-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Map<Tab, Node> contents = Map.of(photosTab, panes, reviewTab, review.node(), compareTab, compare.node(),
                modelTab, new ModelReportView(vm.modelReport()).node(),
                physicalTab, new org.captionlab.gui.physical.PhysicalLayerView(vm.physical()).node());
        attachSelectedContent(contents);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            attachSelectedContent(contents);
            // Let the tab's content become visible first, so the focus request lands.
            javafx.application.Platform.runLater(() -> {
                if (n == reviewTab) {
                    review.focus();
                } else if (n == compareTab) {
                    compare.focus();
                } else if (n == photosTab) {
                    library.node().requestFocus();
                }
            });
        });
        // The filter bar acts on the photo set, which the Photos, Review and Compare views show; the Model and
        // Physical layer views have nothing it could filter, so it gives them its room.
        Node filterNode = filterBar.node();
        filterNode.visibleProperty().bind(modelTab.selectedProperty().or(physicalTab.selectedProperty()).not());
        filterNode.managedProperty().bind(filterNode.visibleProperty());
        // Notices take their own room below the views (never over the caption or the grid).
        VBox views = new VBox(filterNode, tabs, noticeArea.node());
        VBox.setVgrow(tabs, Priority.ALWAYS);
        StackPane center = new StackPane(views, dropHint, help);
        // Overlays must not impose their size on the window, or a short window pushes the status bar out.
        for (Node overlay : List.of(dropHint, help)) {
            ((Region) overlay).setMinSize(0, 0);
        }

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(center);
        root.setBottom(StatusBar.create(vm));
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

    ReviewView review() {
        return review;
    }

    CompareView compare() {
        return compare;
    }

    FilterBar filterBar() {
        return filterBar;
    }

    /** Ctrl+F: the search field, after going back to the photos where the filter bar is hidden. */
    private void focusSearch() {
        if (!filterBar.node().isVisible()) {
            showView(0);
            // After the Photos view's own focus request, which the tab switch queues.
            javafx.application.Platform.runLater(filterBar::focusSearch);
            return;
        }
        filterBar.focusSearch();
    }

    /** Shows one of the views: 0 photos, 1 review, 2 compare, 3 model. */
    void showView(int index) {
        tabs.getSelectionModel().select(index);
    }

    /**
     * A tab's content joins the scene when the tab is first shown. A TabPane keeps hidden tabs' content in the
     * scene graph, where it still takes part in CSS and layout: the review and compare tables then built and
     * styled their rows for a large folder in the same pulse as the grid (found with JFR on
     * GuiOpenFolderBenchmark) although most users never open them.
     */
    private void attachSelectedContent(Map<Tab, Node> contents) {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getContent() == null) {
            selected.setContent(contents.get(selected));
            if (tabs.getScene() != null) {
                // Style and lay it out now, so that the focus request that follows lands on real controls.
                tabs.applyCss();
                tabs.layout();
            }
        }
    }

    /** A tab without content yet: see {@link #attachSelectedContent}. */
    private static Tab tab(String title, String icon, String tip) {
        Tab tab = new Tab(title);
        tab.setGraphic(Icons.icon(icon));
        tab.setTooltip(new Tooltip(tip));
        tab.setClosable(false);
        return tab;
    }

    /** Empty library: how to add photos; filters hiding everything: how to undo them. */
    private Node gridPlaceholder() {
        Node empty = LibraryView.emptyHint("Drop photos or folders here, or use File → Open images… (Ctrl+O) "
                + "or Open folder… (Ctrl+Shift+O).");
        Label filtered = new Label("No photo matches the filters.");
        filtered.getStyleClass().add("empty-hint");
        Button clear = new Button("Clear filters");
        clear.setTooltip(new Tooltip("Show all photos again (" + Shortcuts.CLEAR_FILTERS.display() + ")"));
        clear.setOnAction(e -> vm.inspection().clearFilters());
        VBox hidden = new VBox(10, filtered, clear);
        hidden.setAlignment(Pos.CENTER);
        empty.visibleProperty().bind(Bindings.isEmpty(vm.items()));
        hidden.visibleProperty().bind(empty.visibleProperty().not());
        return new StackPane(empty, hidden);
    }

    /** Help → About: the version, Java and where CaptionLab is installed. */
    private void about() {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        alert.initOwner(menuBarWindow());
        alert.setTitle("About CaptionLab");
        alert.setHeaderText("CaptionLab " + org.captionlab.util.Installation.version());
        alert.setContentText("Captions photos and shows why a captioning model fails.\nJava "
                + System.getProperty("java.version") + "\nInstalled in "
                + org.captionlab.util.Installation.directory().map(Object::toString).orElse("(unknown)"));
        alert.show();
    }

    private javafx.stage.Window menuBarWindow() {
        return root.getScene() == null ? null : root.getScene().getWindow();
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
                recentMenu(),
                new SeparatorMenuItem(),
                item("Save project", Shortcuts.SAVE_PROJECT, vm::saveProject),
                item("Save project as…", Shortcuts.SAVE_PROJECT_AS, vm::saveProjectAs),
                item("Close library", null, vm::clearLibrary),
                new SeparatorMenuItem(),
                item("Open model…", Shortcuts.OPEN_MODEL, vm::openModel),
                item("Locate encoder weights…", null, vm::locateEncoderWeights),
                item("Compare with model…", Shortcuts.COMPARE_MODEL, vm::openCompareModel),
                disabledWithout(item("Compare guided and unguided", Shortcuts.COMPARE_GUIDANCE, vm::compareGuidedAndUnguided),
                        vm.modelProperty()),
                disabledWithout(item("Close comparison", null, vm::closeComparison), vm.compareModelProperty()),
                new SeparatorMenuItem(),
                item("Load references…", Shortcuts.LOAD_REFERENCES, vm::openReferences),
                disabledWithout(item("Close references", null, vm::clearReferences), vm.referencesProperty()),
                new SeparatorMenuItem(),
                exportMenu(),
                new SeparatorMenuItem(),
                item("Quit", Shortcuts.QUIT, this::quit));

        Menu edit = new Menu("_Edit");
        MenuItem editCaption = item("Edit caption", Shortcuts.EDIT_CAPTION, this::editCaption);
        editCaption.disableProperty().bind(vm.selectedProperty().isNull());
        MenuItem revert = item("Revert to model's caption", Shortcuts.REVERT_CAPTION, () -> vm.detail().revertEdit());
        revert.disableProperty().bind(vm.detail().editedProperty().not());
        MenuItem undo = item("Undo", Shortcuts.UNDO, vm::undo);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        MenuItem redo = item("Redo", Shortcuts.REDO, vm::redo);
        redo.disableProperty().bind(vm.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(), item("Paste", Shortcuts.PASTE, this::paste),
                new SeparatorMenuItem(), editCaption, revert);

        Menu caption = new Menu("_Caption");
        MenuItem all = item("Caption all", Shortcuts.CAPTION_ALL, vm::captionAll);
        all.disableProperty().bind(Bindings.isEmpty(vm.items()));
        MenuItem cancel = item("Cancel captioning", Shortcuts.CANCEL_BATCH, vm::cancelBatch);
        cancel.disableProperty().bind(vm.batch().runningProperty().not());
        caption.getItems().addAll(all, cancel);

        Menu view = new Menu("_View");
        CheckMenuItem guidance = new CheckMenuItem("Label guidance");
        guidance.selectedProperty().bindBidirectional(vm.decoding().guideEnabledProperty());
        guidance.setAccelerator(Shortcuts.TOGGLE_GUIDANCE.combination());
        CheckMenuItem histogram = new CheckMenuItem("Score histogram");
        histogram.selectedProperty().bindBidirectional(filterBar.histogramShownProperty());
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
        view.getItems().addAll(
                item("Photos", Shortcuts.SHOW_PHOTOS, () -> showView(0)),
                item("Review", Shortcuts.SHOW_REVIEW, () -> showView(1)),
                item("Compare", Shortcuts.SHOW_COMPARE, () -> showView(2)),
                item("Model", Shortcuts.SHOW_MODEL, () -> showView(3)),
                new SeparatorMenuItem(),
                item("Search…", Shortcuts.FIND, this::focusSearch),
                item("Clear filters", Shortcuts.CLEAR_FILTERS, () -> vm.inspection().clearFilters()),
                histogram,
                guidance,
                new SeparatorMenuItem(),
                themes, item("Toggle theme", Shortcuts.TOGGLE_THEME, this::toggleTheme),
                new SeparatorMenuItem(), item("Dismiss all notices", Shortcuts.DISMISS_NOTICES, () -> vm.notices().dismissAll()));

        Menu helpMenu = new Menu("_Help");
        helpMenu.getItems().addAll(item("Keyboard shortcuts", Shortcuts.HELP, this::toggleHelp),
                item("About CaptionLab", null, this::about));

        MenuBar bar = new MenuBar(file, edit, caption, view, helpMenu);
        bar.setId("menu-bar");
        return bar;
    }

    /** File → Recent ▸ the folders of photos opened lately. */
    private Menu recentMenu() {
        Menu recent = new Menu("Recent");
        recent.setId("recent-menu");
        Runnable fill = () -> {
            recent.getItems().clear();
            for (java.nio.file.Path folder : vm.recent()) {
                MenuItem i = new MenuItem(folder.toString());
                i.setMnemonicParsing(false);
                i.setOnAction(e -> vm.openRecent(folder));
                recent.getItems().add(i);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        fill.run();
        vm.recent().addListener((javafx.collections.ListChangeListener<java.nio.file.Path>) c -> fill.run());
        return recent;
    }

    private static MenuItem disabledWithout(MenuItem item, javafx.beans.value.ObservableObjectValue<?> value) {
        item.disableProperty().bind(Bindings.isNull(value));
        return item;
    }

    /** Export ▸ which photos (radio), then the three formats. */
    private Menu exportMenu() {
        Menu menu = new Menu("Export");
        menu.getItems().addAll(exportItems());
        return menu;
    }

    private List<MenuItem> exportItems() {
        ToggleGroup scope = new ToggleGroup();
        List<MenuItem> list = new java.util.ArrayList<>();
        for (ExportScope s : ExportScope.values()) {
            RadioMenuItem r = new RadioMenuItem(s.label());
            r.setToggleGroup(scope);
            r.setSelected(vm.exportScopeProperty().get() == s);
            r.setOnAction(e -> vm.exportScopeProperty().set(s));
            vm.exportScopeProperty().addListener((obs, o, n) -> r.setSelected(n == s));
            list.add(r);
        }
        list.add(new SeparatorMenuItem());
        list.add(item("Captions as CSV…", Shortcuts.EXPORT_CSV, vm::exportCsv));
        list.add(item("COCO results JSON…", Shortcuts.EXPORT_COCO, vm::exportCocoResults));
        list.add(item("Captions as .txt beside each photo…", null, vm::exportTextFiles));
        return list;
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
        Button refs = toolButton("References", "references",
                "Load reference captions (Flickr8k, COCO, Karpathy or CSV path,caption) to score every caption",
                Shortcuts.LOAD_REFERENCES, vm::openReferences);
        refs.setId("load-references");
        Button compareButton = toolButton("Compare", "compare", "Caption the same photos with a second model, side by side",
                Shortcuts.COMPARE_MODEL, vm::openCompareModel);
        MenuButton export = new MenuButton("Export", Icons.icon("export"));
        export.setId("export");
        export.getStyleClass().add("tool-button");
        export.getItems().setAll(exportItems());
        export.setTooltip(new Tooltip("Export captions, scores and reviews: CSV, COCO results, or .txt beside each photo"));
        export.setFocusTraversable(false);
        Button theme = toolButton("", "theme", "Switch between light and dark theme", Shortcuts.TOGGLE_THEME, this::toggleTheme);
        Button helpButton = toolButton("", "help", "Keyboard shortcuts and tips", Shortcuts.HELP, this::toggleHelp);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(images, folder, paste, new Separator(), all, model, new Separator(), refs, compareButton,
                export, spacer, theme, helpButton);
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
        List<String> headings = List.of("Menus", "Grid and caption", "Review and Compare views");
        List<List<Shortcuts.Shortcut>> groups = List.of(Shortcuts.ALL, Shortcuts.OTHER_KEYS, Shortcuts.REVIEW_KEYS);
        for (int g = 0; g < groups.size(); g++) {
            Label heading = new Label(headings.get(g));
            heading.getStyleClass().add("section-heading");
            GridPane.setColumnSpan(heading, 2);
            keys.add(heading, 0, row++);
            for (Shortcuts.Shortcut s : groups.get(g)) {
                Label k = new Label(s.display());
                k.getStyleClass().add("key");
                k.setMinWidth(Region.USE_PREF_SIZE);
                Label a = new Label(s.action());
                a.setWrapText(true);
                keys.addRow(row++, k, a);
            }
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Label tips = new Label("Drop photos or folders anywhere on the window. Edits, verdicts and notes are saved "
                + "automatically as .captionlab-project.json beside the photos and come back when the folder is opened again. "
                + "Load references (Ctrl+R) to score each caption (BLEU-4, ROUGE-L, CIDEr-D over all scored photos), "
                + "sort worst first, and review failures in the Review view (Ctrl+2). Hover any control for a hint.");
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
