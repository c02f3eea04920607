package org.captionlab.gui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.captionlab.gui.library.LaneId;

/**
 * The main window's status bar: the model, the comparison while it runs, folder scans, the batch's
 * progress or how it ended, references and the library's counts. Binds only.
 */
final class StatusBar {

    private StatusBar() {
    }

    /** The status bar of {@code vm}'s window. */
    static Node create(MainViewModel vm) {
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

        Label refs = new Label();
        refs.setId("references-status");
        refs.textProperty().bind(vm.referencesStatusProperty());
        refs.getStyleClass().add("muted");
        refs.visibleProperty().bind(vm.referencesStatusProperty().isNotEmpty());
        refs.managedProperty().bind(refs.visibleProperty());
        Tooltip refsTip = new Tooltip();
        refsTip.textProperty().bind(Bindings.createStringBinding(() -> vm.referencesProperty().get() == null ? ""
                : "Reference captions from " + vm.referencesProperty().get().file() + " (" + vm.referencesProperty().get().format()
                + "); File → Load references… replaces them", vm.referencesProperty()));
        refs.setTooltip(refsTip);
        Label comparing = new Label();
        comparing.setId("compare-progress");
        comparing.textProperty().bind(vm.compareStatusProperty());
        comparing.getStyleClass().add("muted");
        // The Compare view names the finished comparison; the status bar only shows it while it runs.
        comparing.visibleProperty().bind(vm.lanes().workingProperty(LaneId.COMPARE));
        comparing.managedProperty().bind(comparing.visibleProperty());
        comparing.setTooltip(new Tooltip("The second model of the comparison (View → Compare)"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox status = new HBox(14, model, comparing, spacer, scanning, progress, summary, refs,
                new Separator(javafx.geometry.Orientation.VERTICAL), library);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
        status.setId("status-bar");
        return status;
    }

}
