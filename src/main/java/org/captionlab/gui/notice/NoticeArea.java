package org.captionlab.gui.notice;

import java.util.HashMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.captionlab.gui.Icons;

/**
 * Toasts in a corner of the window: never modal, each with a close button; information fades after a
 * few seconds, warnings and errors stay until dismissed.
 */
public final class NoticeArea {

    /** How long an information notice stays. */
    public static final Duration INFO_LIFETIME = Duration.seconds(8);

    private final Notices notices;
    private final VBox box = new VBox(6);
    private final Map<Long, PauseTransition> timers = new HashMap<>();

    public NoticeArea(Notices notices) {
        this.notices = notices;
        box.getStyleClass().add("notice-area");
        box.setAlignment(Pos.BOTTOM_RIGHT);
        box.setPickOnBounds(false); // clicks between toasts reach the window below
        box.setMaxSize(460, Region.USE_PREF_SIZE);
        notices.items().addListener((ListChangeListener<Notice>) c -> rebuild());
        rebuild();
    }

    public Node node() {
        return box;
    }

    private void rebuild() {
        box.getChildren().clear();
        for (Notice n : notices.items()) {
            box.getChildren().add(card(n));
            if (n.severity() == Notice.Severity.INFO && !timers.containsKey(n.id())) {
                PauseTransition t = new PauseTransition(INFO_LIFETIME);
                t.setOnFinished(e -> {
                    timers.remove(n.id());
                    notices.dismiss(n);
                });
                timers.put(n.id(), t);
                t.play();
            }
        }
        timers.keySet().removeIf(id -> notices.items().stream().noneMatch(n -> n.id() == id));
    }

    private Node card(Notice n) {
        Label text = new Label(n.message());
        text.setWrapText(true);
        text.getStyleClass().add("notice-text");
        text.setMaxWidth(400);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button();
        close.setGraphic(Icons.icon("close"));
        close.getStyleClass().add("notice-close");
        close.setTooltip(new Tooltip("Dismiss this notice"));
        close.setOnAction(e -> notices.dismiss(n));
        HBox card = new HBox(8, Icons.icon(n.severity() == Notice.Severity.INFO ? "info" : "warning"), text, close);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
        card.setMaxWidth(460);
        return card;
    }
}
