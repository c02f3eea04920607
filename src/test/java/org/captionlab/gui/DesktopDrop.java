package org.captionlab.gui;

import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKClipboard;
import com.sun.javafx.tk.TKDropTargetListener;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * Drops files on a window the way the desktop does. A headless window cannot receive a drag from another
 * application, so this hands the scene's own drop-target listener (the object Glass calls when the OS
 * delivers a drag: enter, over, drop) a dragboard holding files. Everything from there on is the real path:
 * JavaFX picks the node under the pointer, builds DRAG_ENTERED / DRAG_OVER / DRAG_DROPPED events, bubbles
 * them to the application's handlers and reports back the transfer mode they accepted.
 *
 * <p>Must be called on the FX thread. Uses JavaFX internals (the project is on the class path, so they are
 * reachable); if a JavaFX update renames them this fails loudly rather than testing nothing.
 */
final class DesktopDrop {

    private final Scene scene;
    private final TKDropTargetListener target;

    private DesktopDrop(Scene scene, TKDropTargetListener target) {
        this.scene = scene;
        this.target = target;
    }

    static DesktopDrop on(Scene scene) {
        try {
            Object peer = SceneHelper.getPeer(scene);
            Field field = field(peer.getClass(), "dropTargetListener"); // declared in Quantum's GlassScene
            field.setAccessible(true);
            TKDropTargetListener listener = (TKDropTargetListener) field.get(peer);
            if (listener == null) {
                throw new IllegalStateException("the scene has no drop target listener (is it shown?)");
            }
            return new DesktopDrop(scene, listener);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the scene's drop target in this JavaFX version", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** What the application answered while the drag moved over it and when it was dropped. */
    record Outcome(TransferMode acceptedOver, boolean overlayShownWhileOver, TransferMode acceptedDrop) {
    }

    /** Drags files from outside over the centre of {@code over} and drops them there. */
    Outcome dropFiles(List<Path> files, Node over, Node overlay) {
        Map<DataFormat, Object> content = new LinkedHashMap<>();
        content.put(DataFormat.FILES, files.stream().map(Path::toFile).toList());
        return drag(content, over, overlay);
    }

    /** Drags plain text (no files) over the centre of {@code over} and drops it there. */
    Outcome dropText(String text, Node over, Node overlay) {
        Map<DataFormat, Object> content = new LinkedHashMap<>();
        content.put(DataFormat.PLAIN_TEXT, text);
        return drag(content, over, overlay);
    }

    private Outcome drag(Map<DataFormat, Object> content, Node over, Node overlay) {
        var bounds = over.localToScene(over.getLayoutBounds());
        Point2D p = new Point2D(bounds.getCenterX(), bounds.getCenterY());
        Point2D screen = new Point2D(scene.getWindow().getX() + scene.getX() + p.getX(),
                scene.getWindow().getY() + scene.getY() + p.getY());
        DragSourceClipboard board = new DragSourceClipboard(content);
        target.dragEnter(p.getX(), p.getY(), screen.getX(), screen.getY(), TransferMode.COPY, board);
        TransferMode over1 = target.dragOver(p.getX(), p.getY(), screen.getX(), screen.getY(), TransferMode.COPY);
        boolean shown = overlay.isVisible();
        TransferMode dropped = over1 == null ? null : target.drop(p.getX(), p.getY(), screen.getX(), screen.getY(), over1);
        if (over1 == null) {
            target.dragExit(p.getX(), p.getY(), screen.getX(), screen.getY());
        }
        return new Outcome(over1, shown, dropped);
    }

    /** The dragboard an outside application (a file manager) offers: its content, copy or move. */
    private static final class DragSourceClipboard implements TKClipboard {
        private final Map<DataFormat, Object> content;

        DragSourceClipboard(Map<DataFormat, Object> content) {
            this.content = content;
        }

        @Override
        public void setSecurityContext(AccessControlContext context) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            throw new UnsupportedOperationException("a drop target does not write to the drag source");
        }

        @Override
        public Object getContent(DataFormat format) {
            Object value = content.get(format);
            // A file manager hands over java.io.File objects, as Glass does.
            return value instanceof List<?> list ? List.copyOf(list) : value;
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return EnumSet.of(TransferMode.COPY, TransferMode.MOVE);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
