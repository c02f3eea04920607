package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void environmentWinsOverSystemPropertyWhichWinsOverDefault() {
        Map<String, String> props = Map.of("captionlab.home", "/from/property", "captionlab.model", "/prop/model");
        Settings both = Settings.resolve(Map.of("CAPTIONLAB_HOME", "/from/env"), props::get);
        assertThat(both.home()).isEqualTo(Path.of("/from/env"));
        assertThat(both.defaultModel()).isEqualTo(Path.of("/prop/model"));
        Settings propOnly = Settings.resolve(Map.of(), props::get);
        assertThat(propOnly.home()).isEqualTo(Path.of("/from/property"));
        Settings none = Settings.resolve(Map.of(), k -> null);
        assertThat(none.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".captionlab").toAbsolutePath());
        assertThat(none.defaultModel().endsWith(Path.of("models", "default"))).isTrue();
    }

    @Test
    void cacheFoldersLiveUnderHome() {
        Settings s = Settings.resolve(Map.of("CAPTIONLAB_HOME", "/h"), k -> null);
        assertThat(s.featureCacheDir()).isEqualTo(Path.of("/h/features"));
        assertThat(s.encoderCacheDir()).isEqualTo(Path.of("/h/encoders"));
    }
}
