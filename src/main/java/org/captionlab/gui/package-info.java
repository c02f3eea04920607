/**
 * The desktop app (JavaFX), MVVM.
 *
 * <p>{@link org.captionlab.gui.MainViewModel} composes feature view models (library, lanes, scoring,
 * export, project) that hold the state as JavaFX properties and observable lists (no nodes) and are tested
 * without a toolkit; {@link org.captionlab.gui.MainView} builds the scene graph from them and only binds
 * and forwards. Each loaded model is a lane ({@code lane}: {@link org.captionlab.gui.lane.LaneScheduler},
 * {@link org.captionlab.gui.lane.ModelLane}); a photo keeps one result per lane. The pipeline is reached
 * only through the {@code service} package: {@link org.captionlab.service.Captioner}, opened by an injected
 * {@link org.captionlab.gui.lane.CaptionerFactory}.
 * Model and file work runs in {@link org.captionlab.gui.task.BackgroundTask}s on an injected
 * {@link org.captionlab.gui.task.TaskExecutor} whose callbacks come back on the UI thread; native file
 * dialogs and the clipboard sit behind {@link org.captionlab.gui.FileDialogs} and
 * {@link org.captionlab.gui.ClipboardSource}.
 *
 * <p>Sub-packages by feature: {@code lane} (loaded models and their work), {@code library} (photos, grid, thumbnails), {@code detail} (selected photo),
 * {@code decoding} (search settings), {@code inspect} (references, per-photo scores, sorting and filtering,
 * histogram, side-by-side review and model comparison), {@code export} (CSV, COCO results, .txt captions),
 * {@code notice} (non-blocking messages), {@code project} (saved edits and reviews, plain Java),
 * {@code task} (background work).
 */
package org.captionlab.gui;
