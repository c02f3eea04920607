/**
 * The desktop app (JavaFX), MVVM.
 *
 * <p>{@link org.captionlab.gui.MainViewModel} holds the state as JavaFX properties and observable lists
 * (no nodes) and is tested without a toolkit; {@link org.captionlab.gui.MainView} builds the scene graph
 * from it and only binds and forwards. The pipeline is reached only through
 * {@link org.captionlab.service.Captioner}, opened by an injected {@link org.captionlab.gui.CaptionerFactory}.
 * Model and file work runs in {@link org.captionlab.gui.task.BackgroundTask}s on an injected
 * {@link org.captionlab.gui.task.TaskExecutor} whose callbacks come back on the UI thread; native file
 * dialogs and the clipboard sit behind {@link org.captionlab.gui.FileDialogs} and
 * {@link org.captionlab.gui.ClipboardSource}.
 *
 * <p>Sub-packages by feature: {@code library} (photos, grid, thumbnails), {@code detail} (selected photo),
 * {@code decoding} (search settings), {@code inspect} (references, per-photo scores, sorting and filtering,
 * histogram, side-by-side review and model comparison), {@code export} (CSV, COCO results, .txt captions),
 * {@code notice} (non-blocking messages), {@code project} (saved edits and reviews, plain Java),
 * {@code task} (background work).
 */
package org.captionlab.gui;
