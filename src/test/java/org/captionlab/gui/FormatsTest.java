package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void formatsCountsRatesAndDurations() {
        assertThat(Formats.count(2541)).isEqualTo("2,541");
        assertThat(Formats.photos(1)).isEqualTo("1 photo");
        assertThat(Formats.photos(1000)).isEqualTo("1,000 photos");
        assertThat(Formats.rate(8.14)).isEqualTo("8.1");
        assertThat(Formats.rate(1234.5)).isEqualTo("1,235");
        assertThat(Formats.duration(Duration.ofSeconds(14))).isEqualTo("0:14");
        assertThat(Formats.duration(Duration.ofSeconds(723))).isEqualTo("12:03");
        assertThat(Formats.duration(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(Formats.percent(0.8312)).isEqualTo("83.1%");
    }

    @Test
    void reasonIsTheMessageOrTheKind() {
        assertThat(Formats.reason(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(Formats.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
