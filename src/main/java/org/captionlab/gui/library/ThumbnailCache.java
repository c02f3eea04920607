package org.captionlab.gui.library;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * Thumbnails by path, bounded LRU. Images are decoded by JavaFX in the background at the thumbnail size
 * (so a 12-megapixel photo costs 160×120 pixels of memory); a thumbnail evicted while still loading is
 * cancelled, so a fast scroll through 10,000 photos does not leave a long queue of useless decodes.
 * FX-thread confined.
 */
public final class ThumbnailCache {

    private final double width;
    private final double height;
    private final Map<Path, Image> images;

    /**
     * @param capacity thumbnails kept (a few screens' worth)
     * @param width    bounding box width in pixels
     * @param height   bounding box height in pixels
     */
    public ThumbnailCache(int capacity, double width, double height) {
        this.width = width;
        this.height = height;
        this.images = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
                if (size() > capacity) {
                    cancelIfLoading(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The thumbnail, loading in the background if it is new. */
    public Image get(Path photo) {
        return images.computeIfAbsent(photo, p -> new Image(p.toUri().toString(), width, height, true, true, true));
    }

    /** Drops a thumbnail that is no longer shown and not finished, so its decode stops. */
    public void release(Path photo, Image image) {
        if (image != null && image.getProgress() < 1 && images.get(photo) == image) {
            images.remove(photo);
            cancelIfLoading(image);
        }
    }

    public int size() {
        return images.size();
    }

    private static void cancelIfLoading(Image image) {
        if (image.getProgress() < 1) {
            image.cancel();
        }
    }
}
