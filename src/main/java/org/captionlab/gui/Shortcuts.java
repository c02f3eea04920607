package org.captionlab.gui;

import java.util.List;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the main window, in one place: the menus take their accelerators from
 * here and the Help panel lists them, so the two cannot disagree.
 */
public final class Shortcuts {

    /**
     * A key combination and what it does.
     *
     * @param keys   the combination as {@link KeyCombination#valueOf} reads it
     * @param action what it does, for the Help panel
     * @param label  how the Help panel shows the keys when not the combination's own text (e.g. "1–8"), or null
     */
    public record Shortcut(String keys, String action, String label) {

        public Shortcut(String keys, String action) {
            this(keys, action, null);
        }

        /** The combination as JavaFX parses it ("Shortcut+O" is Ctrl+O, or ⌘O on macOS). */
        public KeyCombination combination() {
            return KeyCombination.valueOf(keys);
        }

        /** How the Help panel shows it, e.g. "Ctrl+Shift+O". */
        public String display() {
            return label != null ? label : combination().getDisplayText();
        }
    }

    public static final Shortcut OPEN_IMAGES = new Shortcut("Shortcut+O", "Open images…");
    public static final Shortcut OPEN_FOLDER = new Shortcut("Shortcut+Shift+O", "Open a folder of photos (recursively)…");
    public static final Shortcut OPEN_MODEL = new Shortcut("Shortcut+M", "Open a caption model…");
    public static final Shortcut SAVE_PROJECT = new Shortcut("Shortcut+S", "Save the project now (it also saves itself)");
    public static final Shortcut SAVE_PROJECT_AS = new Shortcut("Shortcut+Shift+S", "Save the project as…");
    public static final Shortcut LOAD_REFERENCES = new Shortcut("Shortcut+R", "Load reference captions (Flickr8k, COCO, Karpathy, CSV)…");
    public static final Shortcut COMPARE_MODEL = new Shortcut("Shortcut+Shift+M", "Compare with a second model…");
    public static final Shortcut COMPARE_GUIDANCE = new Shortcut("Shortcut+Shift+G",
            "Compare the model's guided captions with its unguided ones");
    public static final Shortcut TOGGLE_GUIDANCE = new Shortcut("Shortcut+G",
            "Label guidance on or off (captions name what the encoder's confident labels say)");
    public static final Shortcut EXPORT_CSV = new Shortcut("Shortcut+E", "Export captions, scores and reviews as CSV…");
    public static final Shortcut EXPORT_COCO = new Shortcut("Shortcut+Shift+E", "Export COCO results JSON…");
    public static final Shortcut PASTE = new Shortcut("Shortcut+V", "Paste images or files from the clipboard");
    public static final Shortcut UNDO = new Shortcut("Shortcut+Z", "Undo the last caption edit, verdict, category or note");
    public static final Shortcut REDO = new Shortcut("Shortcut+Shift+Z", "Redo what was undone");
    public static final Shortcut EDIT_CAPTION = new Shortcut("F2", "Edit the selected photo's caption (also Enter or double-click)");
    public static final Shortcut REVERT_CAPTION = new Shortcut("Shortcut+Shift+R", "Revert to the model's caption");
    public static final Shortcut CAPTION_ALL = new Shortcut("F5", "Caption all photos");
    public static final Shortcut CANCEL_BATCH = new Shortcut("Shift+F5", "Cancel captioning");
    public static final Shortcut SHOW_PHOTOS = new Shortcut("Shortcut+1", "Show the photo grid");
    public static final Shortcut SHOW_REVIEW = new Shortcut("Shortcut+2", "Show the side-by-side review");
    public static final Shortcut SHOW_COMPARE = new Shortcut("Shortcut+3", "Show the model comparison");
    public static final Shortcut SHOW_MODEL = new Shortcut("Shortcut+4", "Show how the models were trained (curves, metrics)");
    public static final Shortcut FIND = new Shortcut("Shortcut+F", "Search captions and references");
    public static final Shortcut CLEAR_FILTERS = new Shortcut("Shortcut+Shift+F", "Clear the filters (show all photos)");
    public static final Shortcut TOGGLE_THEME = new Shortcut("Shortcut+T", "Switch between light and dark theme");
    public static final Shortcut DISMISS_NOTICES = new Shortcut("Shortcut+Shift+D", "Dismiss all notices");
    public static final Shortcut HELP = new Shortcut("F1", "Show or hide this help");
    public static final Shortcut QUIT = new Shortcut("Shortcut+Q", "Quit");

    /** In menu order, for the Help panel. */
    public static final List<Shortcut> ALL = List.of(OPEN_IMAGES, OPEN_FOLDER, OPEN_MODEL, SAVE_PROJECT, SAVE_PROJECT_AS,
            LOAD_REFERENCES, COMPARE_MODEL, COMPARE_GUIDANCE, TOGGLE_GUIDANCE, EXPORT_CSV, EXPORT_COCO,
            PASTE, UNDO, REDO, EDIT_CAPTION, REVERT_CAPTION, CAPTION_ALL, CANCEL_BATCH, SHOW_PHOTOS, SHOW_REVIEW, SHOW_COMPARE, SHOW_MODEL, FIND,
            CLEAR_FILTERS, TOGGLE_THEME, DISMISS_NOTICES, HELP, QUIT);

    /** Keys that work without a menu entry, for the Help panel. */
    public static final List<Shortcut> OTHER_KEYS = List.of(
            new Shortcut("Enter", "In the caption field: start editing, then save the edit"),
            new Shortcut("Esc", "In the caption field: discard the edit; elsewhere: close help"),
            new Shortcut("Left", "Grid: previous photo (arrow keys move in the grid)"),
            new Shortcut("Home", "Grid: first photo (End: last)"));

    /**
     * Keys of the review and comparison tables (plain letters, so they act only there, never while typing
     * in a text field).
     */
    public static final List<Shortcut> REVIEW_KEYS = List.of(
            new Shortcut("J", "Next photo (also Down)"),
            new Shortcut("K", "Previous photo (also Up)"),
            new Shortcut("O", "Mark the caption OK"),
            new Shortcut("F", "Mark the caption a failure"),
            new Shortcut("1", "Failure category: wrong object, hallucinated object, wrong count, wrong action, "
                    + "wrong colour or attribute, repetition, too generic, other", "1–8"),
            new Shortcut("U", "Not reviewed (remove the verdict)"),
            new Shortcut("N", "Write a note (Enter saves, Esc discards)"));

    private Shortcuts() {
    }
}
