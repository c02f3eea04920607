/**
 * Exports of the library (plain Java, run on a worker thread): CSV with one row per photo, rank and model,
 * COCO results JSON, and {@code .txt} captions beside the photos, from immutable
 * {@link org.captionlab.gui.export.PhotoRecord} snapshots taken on the UI thread.
 */
package org.captionlab.gui.export;
