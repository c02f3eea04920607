package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.captionlab.gui.CaptionLabApp;
import org.junit.jupiter.api.Test;

/** bench times the app window through the app's own switch and log line (copied: the CLI does not use the GUI). */
class BenchWindowTest {

    @Test
    void benchUsesTheAppsSwitchAndLogLine() {
        assertThat(BenchCommand.EXIT_WHEN_SHOWN).isEqualTo(CaptionLabApp.EXIT_WHEN_SHOWN);
        assertThat(BenchCommand.SHOWN_MESSAGE).isEqualTo(CaptionLabApp.SHOWN_MESSAGE);
    }
}
