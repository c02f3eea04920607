package org.captionlab.gui.notice;

import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list of notices shown in the notification area (newest last). Bounded: when full, the oldest is
 * dropped, so that a thousand broken files cannot bury the window. UI-thread confined.
 */
public final class Notices {

    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

    /** Most notices kept at once. */
    public static final int MAX = 6;

    private final ObservableList<Notice> items = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(items);
    private long nextId = 1;

    public ObservableList<Notice> items() {
        return readOnly;
    }

    public Notice info(String message) {
        return add(Notice.Severity.INFO, message);
    }

    public Notice warning(String message) {
        return add(Notice.Severity.WARNING, message);
    }

    public Notice error(String message) {
        return add(Notice.Severity.ERROR, message);
    }

    /** Adds a notice; logs it too, so the log tells the same story as the window. */
    public Notice add(Notice.Severity severity, String message) {
        Notice notice = new Notice(nextId++, severity, message);
        switch (severity) {
            case ERROR -> LOG.warn("Notice: {}", message);
            default -> LOG.info("Notice: {}", message);
        }
        items.add(notice);
        while (items.size() > MAX) {
            items.remove(0);
        }
        return notice;
    }

    /** Replaces a notice still shown with a new text (same id); adds it again if it was dismissed. */
    public Notice update(Notice notice, String message) {
        Notice updated = new Notice(notice.id(), notice.severity(), message);
        int index = indexOf(notice.id());
        if (index >= 0) {
            items.set(index, updated);
        } else {
            items.add(updated);
            while (items.size() > MAX) {
                items.remove(0);
            }
        }
        return updated;
    }

    private int indexOf(long id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    public void dismiss(Notice notice) {
        items.removeIf(n -> n.id() == notice.id());
    }

    public void dismissAll() {
        items.clear();
    }

    /** The newest notice, if any. */
    public Optional<Notice> latest() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1));
    }
}
