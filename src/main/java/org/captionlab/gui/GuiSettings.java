package org.captionlab.gui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.captionlab.gui.decoding.DecodingViewModel;
import org.captionlab.search.DecodeOptions;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app remembers between sessions (in {@code gui-settings.json} of the state folder).
 *
 * @param theme        light or dark
 * @param decoding     the decoding controls as the user left them
 * @param lastFolder   where the file dialogs open, or null
 * @param lastModelDir the last model bundle opened by hand, or null
 * @param decodingSaved true when the user chose to keep {@code decoding} as their preference ("Remember
 *                     these settings"): it then wins over a model's recommended decoding in later
 *                     sessions; otherwise each model's recommendation is used (files without the field:
 *                     false)
 * @param window       the main window's bounds when it was last closed, or null
 * @param recent       folders of photos opened lately, the latest first (File → Recent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuiSettings(Theme theme, DecodeOptions decoding, String lastFolder, String lastModelDir,
                          boolean decodingSaved, WindowBounds window, java.util.List<String> recent) {

    /** How many folders File → Recent lists. */
    static final int MAX_RECENT = 8;

    /** The main window's position and size (in screen coordinates) and whether it was maximised. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(GuiSettings.class);
    static final String FILE_NAME = "gui-settings.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public GuiSettings {
        theme = theme == null ? Theme.LIGHT : theme;
        decoding = decoding == null ? DecodingViewModel.DEFAULTS : decoding;
        recent = recent == null ? java.util.List.of() : java.util.List.copyOf(recent);
    }

    /** Settings without the saved-preference flag, window and recent folders (as files of earlier versions have them). */
    public GuiSettings(Theme theme, DecodeOptions decoding, String lastFolder, String lastModelDir) {
        this(theme, decoding, lastFolder, lastModelDir, false, null, null);
    }

    public static GuiSettings defaults() {
        return new GuiSettings(Theme.LIGHT, DecodingViewModel.DEFAULTS, null, null, false, null, null);
    }

    /**
     * Reads the settings; a missing or damaged file gives the defaults (settings are a convenience, never
     * a reason not to start).
     */
    static GuiSettings load(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            return JSON.readValue(file.toFile(), GuiSettings.class);
        } catch (JacksonException | IllegalArgumentException e) {
            LOG.warn("Settings file '{}' is damaged; using defaults", file, e);
        } catch (IOException e) {
            LOG.warn("Settings file '{}' could not be read; using defaults", file, e);
        }
        return defaults();
    }

    void save(Path stateDir) throws IOException {
        AtomicFiles.write(stateDir.resolve(FILE_NAME), out -> JSON.writeValue(out, this));
    }

    GuiSettings withTheme(Theme value) {
        return new GuiSettings(value, decoding, lastFolder, lastModelDir, decodingSaved, window, recent);
    }

    GuiSettings withDecoding(DecodeOptions value, boolean saved) {
        return new GuiSettings(theme, value, lastFolder, lastModelDir, saved, window, recent);
    }

    GuiSettings withLastFolder(Path value) {
        return new GuiSettings(theme, decoding, value == null ? null : value.toString(), lastModelDir, decodingSaved, window,
                recent);
    }

    GuiSettings withLastModelDir(Path value) {
        return new GuiSettings(theme, decoding, lastFolder, value == null ? null : value.toString(), decodingSaved, window,
                recent);
    }

    GuiSettings withWindow(WindowBounds value) {
        return new GuiSettings(theme, decoding, lastFolder, lastModelDir, decodingSaved, value, recent);
    }

    /** {@code folder} first in the recent folders (moved there if listed), at most {@link #MAX_RECENT}. */
    GuiSettings withRecent(Path folder) {
        String f = folder.toAbsolutePath().normalize().toString();
        java.util.List<String> next = new java.util.ArrayList<>();
        next.add(f);
        recent.stream().filter(r -> !r.equals(f)).limit(MAX_RECENT - 1L).forEach(next::add);
        return new GuiSettings(theme, decoding, lastFolder, lastModelDir, decodingSaved, window, next);
    }
}
