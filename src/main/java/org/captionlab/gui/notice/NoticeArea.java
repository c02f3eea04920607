package org.captionlab.gui.notice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
 * The notice bar: a strip across the bottom of the window, above the status bar, that takes its own room in
 * the layout, so a notice never covers the photos, the caption or the decoding settings (the views give up
 * the bar's height while it shows). It shows the newest notice, with "+2 more" when there are others;
 * that button unfolds the bar to every notice (newest first) and folds it again. Each notice has a close
 * button; information goes by itself after {@link #INFO_LIFETIME}, warnings and errors stay until
 * dismissed. Without notices the bar takes no room at all.
 */
public final class NoticeArea {

    /** How long an information notice stays. */
    public static final Duration INFO_LIFETIME = Duration.seconds(8);

    private final Notices notices;
    private final VBox box = new VBox(4);
    private final BooleanProperty expanded = new SimpleBooleanProperty(this, "expanded", false);
    private final Map<Long, PauseTransition> timers = new HashMap<>();

    public NoticeArea(Notices notices) {
        this.notices = notices;
        box.getStyleClass().add("notice-area");
        box.setId("notice-area");
        box.setAlignment(Pos.TOP_LEFT);
        box.setMinHeight(Region.USE_PREF_SIZE);
        box.visibleProperty().bind(Bindings.isNotEmpty(notices.items()));
        box.managedProperty().bind(box.visibleProperty());
        notices.items().addListener((ListChangeListener<Notice>) c -> rebuild());
        expanded.addListener((obs, o, n) -> rebuild());
        rebuild();
    }

    public Node node() {
        return box;
    }

    /** Whether every notice is shown, rather than the newest one alone. */
    public BooleanProperty expandedProperty() {
        return expanded;
    }

    private void rebuild() {
        List<Notice> newestFirst = new ArrayList<>(notices.items());
        Collections.reverse(newestFirst);
        if (newestFirst.size() <= 1 && expanded.get()) {
            expanded.set(false); // nothing left to unfold; calls rebuild again
            return;
        }
        box.getChildren().clear();
        int others = newestFirst.size() - 1;
        for (int i = 0; i < newestFirst.size() && (i == 0 || expanded.get()); i++) {
            box.getChildren().add(card(newestFirst.get(i), i == 0 ? others : 0));
        }
        for (Notice n : newestFirst) {
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
        timers.entrySet().removeIf(e -> {
            boolean gone = notices.items().stream().noneMatch(n -> n.id() == e.getKey());
            if (gone) {
                e.getValue().stop();
            }
            return gone;
        });
    }

    /** One notice; the first also carries "+N more" (or "Show fewer") and, unfolded, "Dismiss all". */
    private Node card(Notice n, int others) {
        Label text = new Label(n.message());
        text.setWrapText(true);
        text.getStyleClass().add("notice-text");
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(8, Icons.icon(n.severity() == Notice.Severity.INFO ? "info" : "warning"), text);
        if (others > 0) {
            Button more = new Button(expanded.get() ? "Show fewer" : "+" + others + " more");
            more.setId("notice-more");
            more.getStyleClass().add("notice-more");
            more.setMinWidth(Region.USE_PREF_SIZE);
            more.setTooltip(new Tooltip(expanded.get() ? "Show the newest notice only"
                    : "Show all " + (others + 1) + " notices"));
            more.setOnAction(e -> expanded.set(!expanded.get()));
            card.getChildren().add(more);
            if (expanded.get()) {
                Button all = new Button("Dismiss all");
                all.setId("notice-dismiss-all");
                all.getStyleClass().add("notice-more");
                all.setMinWidth(Region.USE_PREF_SIZE);
                all.setTooltip(new Tooltip("Close every notice (View → Dismiss all notices)"));
                all.setOnAction(e -> notices.dismissAll());
                card.getChildren().add(all);
            }
        }
        Button close = new Button();
        close.setGraphic(Icons.icon("close"));
        close.getStyleClass().add("notice-close");
        close.setTooltip(new Tooltip("Dismiss this notice"));
        close.setOnAction(e -> notices.dismiss(n));
        card.getChildren().add(close);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }
}
