package org.captionlab.gui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.captionlab.gui.library.PhotoItem;

/**
 * Edit → Undo / Redo (Ctrl+Z, Ctrl+Shift+Z) of what the user changes by hand on the photos: caption
 * edits, verdicts, failure categories and notes. Every change of those properties on a photo of the library
 * is one step; undoing sets the old value back (and is itself not recorded), a new change empties the redo
 * list. Values set before a photo joins the library (a restored project) are not steps. UI thread only.
 */
final class UndoHistory {

    /** Steps kept; the oldest are dropped beyond this. */
    static final int LIMIT = 500;

    private record Step(Property<Object> property, Object before, Object after) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final Map<PhotoItem, List<Runnable>> detach = new IdentityHashMap<>();
    private boolean applying;

    UndoHistory(ObservableList<PhotoItem> items) {
        items.forEach(this::watch);
        items.addListener((ListChangeListener<PhotoItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::unwatch);
                c.getAddedSubList().forEach(this::watch);
            }
            if (items.isEmpty()) {
                clear();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void watch(PhotoItem item) {
        if (detach.containsKey(item)) {
            return;
        }
        List<Property<?>> properties = List.of(item.editedCaptionProperty(), item.verdictProperty(),
                item.failureCategoryProperty(), item.noteProperty());
        List<Runnable> undoers = new java.util.ArrayList<>();
        for (Property<?> p : properties) {
            Property<Object> property = (Property<Object>) p;
            ChangeListener<Object> listener = (obs, before, after) -> record(property, before, after);
            property.addListener(listener);
            undoers.add(() -> property.removeListener(listener));
        }
        detach.put(item, undoers);
    }

    private void unwatch(PhotoItem item) {
        List<Runnable> undoers = detach.remove(item);
        if (undoers != null) {
            undoers.forEach(Runnable::run);
        }
    }

    private void record(Property<Object> property, Object before, Object after) {
        if (applying || Objects.equals(before, after)) {
            return;
        }
        undo.push(new Step(property, before, after));
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        update();
    }

    /** Sets the last change's old value back; false when there is nothing to undo. */
    boolean undo() {
        Step step = undo.poll();
        if (step == null) {
            return false;
        }
        apply(step.property(), step.before());
        redo.push(step);
        update();
        return true;
    }

    /** Makes the last undone change again; false when there is nothing to redo. */
    boolean redo() {
        Step step = redo.poll();
        if (step == null) {
            return false;
        }
        apply(step.property(), step.after());
        undo.push(step);
        update();
        return true;
    }

    private void apply(Property<Object> property, Object value) {
        applying = true;
        try {
            property.setValue(value);
        } finally {
            applying = false;
        }
    }

    /** Forgets every step (the library was closed). */
    void clear() {
        undo.clear();
        redo.clear();
        update();
    }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
