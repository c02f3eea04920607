package org.captionlab.gui;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;

/**
 * The library's status line, "1,000 photos · 997 captioned · 12 edited · 3 failed", kept from counts that
 * change incrementally so that 10,000 status changes stay linear. UI thread only.
 */
final class LibraryStatus {

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final Map<PhotoStatus, Integer> counts = new EnumMap<>(PhotoStatus.class);
    private int photos;
    private int edited;
    /**
     * Above zero while many photos change status at once (adding or queueing a folder): the line is then
     * rebuilt once at the end instead of once per photo (1,000 formatted strings and label updates were a
     * measurable part of the FX-thread stall when a large folder was added).
     */
    private int bulk;
    private final ChangeListener<PhotoStatus> statusCounter = (obs, old, now) -> {
        counts.merge(old, -1, Integer::sum);
        counts.merge(now, 1, Integer::sum);
        if (bulk == 0) {
            update();
        }
    };
    private final ChangeListener<String> editCounter = (obs, old, now) -> {
        edited += (now != null ? 1 : 0) - (old != null ? 1 : 0);
        update();
    };

    LibraryStatus() {
        clear();
    }

    void watch(PhotoItem item) {
        photos++;
        counts.merge(item.status(), 1, Integer::sum);
        if (item.isEdited()) {
            edited++;
        }
        item.statusProperty().addListener(statusCounter);
        item.editedCaptionProperty().addListener(editCounter);
    }

    void unwatch(PhotoItem item) {
        item.statusProperty().removeListener(statusCounter);
        item.editedCaptionProperty().removeListener(editCounter);
    }

    /** Runs many status changes and rebuilds the line once. */
    void bulk(Runnable changes) {
        bulk++;
        try {
            changes.run();
        } finally {
            bulk--;
        }
        update();
    }

    /** Forgets every photo (after they were unwatched). */
    void clear() {
        for (PhotoStatus s : PhotoStatus.values()) {
            counts.put(s, 0);
        }
        photos = 0;
        edited = 0;
        update();
    }

    void update() {
        if (photos == 0) {
            text.set("No photos: drop photos or folders here, or use File → Open.");
            return;
        }
        StringBuilder s = new StringBuilder(Formats.photos(photos));
        s.append(" · ").append(Formats.count(counts.get(PhotoStatus.DONE))).append(" captioned");
        if (edited > 0) {
            s.append(" · ").append(Formats.count(edited)).append(" edited");
        }
        int failed = counts.get(PhotoStatus.FAILED);
        if (failed > 0) {
            s.append(" · ").append(Formats.count(failed)).append(" failed");
        }
        text.set(s.toString());
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
