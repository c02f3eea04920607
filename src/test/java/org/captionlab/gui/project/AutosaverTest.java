package org.captionlab.gui.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutosaverTest {

    private final List<String> saved = new CopyOnWriteArrayList<>();
    private final List<IOException> errors = new CopyOnWriteArrayList<>();

    @Test
    void burstsOfChangesCostOneWriteOfTheLatestSnapshot() throws IOException {
        try (Autosaver<String> saver = new Autosaver<>("test", Duration.ofHours(1), saved::add, errors::add)) {
            saver.submit("a");
            saver.submit("b");
            saver.submit("c");
            assertThat(saved).isEmpty();
            assertThat(saver.isDirty()).isTrue();

            saver.flush();
            assertThat(saved).containsExactly("c");
            assertThat(saver.isDirty()).isFalse();
            saver.flush();
            assertThat(saved).containsExactly("c");
        }
    }

    @Test
    void writesByItselfAfterTheDelay() throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        try (Autosaver<String> saver = new Autosaver<>("test", Duration.ofMillis(50), s -> {
            saved.add(s);
            written.countDown();
        }, errors::add)) {
            saver.submit("edit");
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(saved).containsExactly("edit");
        }
    }

    @Test
    void closeWritesWhatIsPending() {
        Autosaver<String> saver = new Autosaver<>("test", Duration.ofHours(1), saved::add, errors::add);
        saver.submit("last words");
        saver.close();
        assertThat(saved).containsExactly("last words");
    }

    @Test
    void aFailedWriteIsReportedAndKeptForTheNextTry() throws IOException {
        boolean[] diskFull = {true};
        try (Autosaver<String> saver = new Autosaver<>("test", Duration.ofHours(1), s -> {
            if (diskFull[0]) {
                throw new IOException("No space left on device");
            }
            saved.add(s);
        }, errors::add)) {
            saver.submit("x");
            org.assertj.core.api.Assertions.assertThatThrownBy(saver::flush).hasMessageContaining("No space");
            assertThat(saver.isDirty()).isTrue();
            diskFull[0] = false;
            saver.flush();
            assertThat(saved).containsExactly("x");
        }
    }
}
