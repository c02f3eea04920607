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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuiSettings(Theme theme, DecodeOptions decoding, String lastFolder, String lastModelDir,
                          boolean decodingSaved) {

    private static final Logger LOG = LoggerFactory.getLogger(GuiSettings.class);
    static final String FILE_NAME = "gui-settings.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public GuiSettings {
        theme = theme == null ? Theme.LIGHT : theme;
        decoding = decoding == null ? DecodingViewModel.DEFAULTS : decoding;
    }

    /** Settings without the saved-preference flag (as files of earlier versions have them). */
    public GuiSettings(Theme theme, DecodeOptions decoding, String lastFolder, String lastModelDir) {
        this(theme, decoding, lastFolder, lastModelDir, false);
    }

    public static GuiSettings defaults() {
        return new GuiSettings(Theme.LIGHT, DecodingViewModel.DEFAULTS, null, null, false);
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
        return new GuiSettings(value, decoding, lastFolder, lastModelDir, decodingSaved);
    }

    GuiSettings withDecoding(DecodeOptions value, boolean saved) {
        return new GuiSettings(theme, value, lastFolder, lastModelDir, saved);
    }

    GuiSettings withLastFolder(Path value) {
        return new GuiSettings(theme, decoding, value == null ? null : value.toString(), lastModelDir, decodingSaved);
    }

    GuiSettings withLastModelDir(Path value) {
        return new GuiSettings(theme, decoding, lastFolder, value == null ? null : value.toString(), decodingSaved);
    }
}
