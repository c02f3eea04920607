package org.captionlab.gui;

import java.util.List;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the main window, in one place: the menus take their accelerators from
 * here and the Help panel lists them, so the two cannot disagree.
 */
public final class Shortcuts {

    /** A key combination and what it does. */
    public record Shortcut(String keys, String action) {
        /** The combination as JavaFX parses it ("Shortcut+O" is Ctrl+O, or ⌘O on macOS). */
        public KeyCombination combination() {
            return KeyCombination.valueOf(keys);
        }

        /** How the Help panel shows it, e.g. "Ctrl+Shift+O". */
        public String display() {
            return combination().getDisplayText();
        }
    }

    public static final Shortcut OPEN_IMAGES = new Shortcut("Shortcut+O", "Open images…");
    public static final Shortcut OPEN_FOLDER = new Shortcut("Shortcut+Shift+O", "Open a folder of photos (recursively)…");
    public static final Shortcut OPEN_MODEL = new Shortcut("Shortcut+M", "Open a caption model…");
    public static final Shortcut SAVE_PROJECT = new Shortcut("Shortcut+S", "Save the project now (it also saves itself)");
    public static final Shortcut SAVE_PROJECT_AS = new Shortcut("Shortcut+Shift+S", "Save the project as…");
    public static final Shortcut PASTE = new Shortcut("Shortcut+V", "Paste images or files from the clipboard");
    public static final Shortcut EDIT_CAPTION = new Shortcut("F2", "Edit the selected photo's caption (also Enter or double-click)");
    public static final Shortcut REVERT_CAPTION = new Shortcut("Shortcut+Shift+R", "Revert to the model's caption");
    public static final Shortcut CAPTION_ALL = new Shortcut("F5", "Caption all photos");
    public static final Shortcut CANCEL_BATCH = new Shortcut("Shift+F5", "Cancel captioning");
    public static final Shortcut TOGGLE_THEME = new Shortcut("Shortcut+T", "Switch between light and dark theme");
    public static final Shortcut DISMISS_NOTICES = new Shortcut("Shortcut+Shift+D", "Dismiss all notices");
    public static final Shortcut HELP = new Shortcut("F1", "Show or hide this help");
    public static final Shortcut QUIT = new Shortcut("Shortcut+Q", "Quit");

    /** In menu order, for the Help panel. */
    public static final List<Shortcut> ALL = List.of(OPEN_IMAGES, OPEN_FOLDER, OPEN_MODEL, SAVE_PROJECT, SAVE_PROJECT_AS,
            PASTE, EDIT_CAPTION, REVERT_CAPTION, CAPTION_ALL, CANCEL_BATCH, TOGGLE_THEME, DISMISS_NOTICES, HELP, QUIT);

    /** Keys that work without a menu entry, for the Help panel. */
    public static final List<Shortcut> OTHER_KEYS = List.of(
            new Shortcut("Enter", "In the caption field: start editing, then save the edit"),
            new Shortcut("Esc", "In the caption field: discard the edit; elsewhere: close help"),
            new Shortcut("Left", "Grid: previous photo (arrow keys move in the grid)"),
            new Shortcut("Home", "Grid: first photo (End: last)"));

    private Shortcuts() {
    }
}
