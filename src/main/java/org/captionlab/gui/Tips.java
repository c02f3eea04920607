package org.captionlab.gui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters a node, with their text read at that moment.
 *
 * <p>A {@link Tooltip} is a popup window with its own scene: making one costs about 0.4 ms on this machine
 * once JavaFX is warm and several ms before (measured: 100 labels with tooltips 37-97 ms, without 0.2 ms).
 * Views that build nodes per photo (grid tiles, word chips, label bars, table cells) would otherwise pay
 * that for every tile and on every selection, on the FX thread, for tooltips that are rarely shown. Static
 * tooltips on the few fixed controls keep using {@code setTooltip}.
 */
public final class Tips {

    private static final Object KEY = new Object();

    private Tips() {
    }

    /** Installs a tooltip showing {@code text.get()} on hover; no tooltip while it returns null or blank. */
    public static void lazy(Node node, Supplier<String> text) {
        lazy(node, text, tip -> { });
    }

    /**
     * As {@link #lazy(Node, Supplier)}; {@code configure} sets up the tooltip (delay, wrapping) when it is
     * made.
     */
    public static void lazy(Node node, Supplier<String> text, Consumer<Tooltip> configure) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(configure, "configure");
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            String now = text.get();
            Tooltip tip = installed(node);
            if (now == null || now.isBlank()) {
                if (tip != null) {
                    Tooltip.uninstall(node, tip);
                    node.getProperties().remove(KEY);
                }
                return;
            }
            if (tip == null) {
                tip = new Tooltip();
                configure.accept(tip);
                // Installed while the pointer enters: the tooltip's own mouse-moved handler starts its timer
                // on the next move, as it would for one installed up front.
                Tooltip.install(node, tip);
                node.getProperties().put(KEY, tip);
            }
            tip.setText(now);
        });
    }

    /** The tooltip {@link #lazy} made for {@code node}, or null before the first hover. */
    /**
     * A table cell that shows its text and, on hover, the whole text (read at that moment, since cells are
     * refilled as the table scrolls or its rows change).
     *
     * @param configure adjusts the tooltip when it is made (wrapping, width)
     */
    public static <R> TableCell<R, String> textCell(Consumer<Tooltip> configure) {
        TableCell<R, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        lazy(cell, cell::getText, configure);
        return cell;
    }

    public static Tooltip installed(Node node) {
        return (Tooltip) node.getProperties().get(KEY);
    }
}
