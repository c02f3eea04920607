package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.captionlab.gui.lane.CaptionerSlot;
import org.junit.jupiter.api.Test;

class CaptionerSlotTest {

    @Test
    void closeWhileAWorkerUsesTheCaptionerWaitsForTheWorkerToFinish() throws Exception {
        CaptionerSlot slot = new CaptionerSlot();
        FakeCaptioner captioner = new FakeCaptioner();
        slot.replace(captioner);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean closedWhileInside = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                slot.use(c -> {
                    inside.countDown();
                    release.await();
                    closedWhileInside.set(captioner.closed);
                    return null;
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        worker.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        slot.close(); // returns at once; must not close under the worker's feet
        assertThat(captioner.closed).isFalse();
        release.countDown();
        worker.join(10_000);

        assertThat(closedWhileInside.get()).isFalse();
        assertThat(captioner.closed).isTrue();
        assertThatThrownBy(() -> slot.use(c -> null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replacingClosesThePreviousCaptioner() {
        CaptionerSlot slot = new CaptionerSlot();
        FakeCaptioner first = new FakeCaptioner();
        FakeCaptioner second = new FakeCaptioner();
        slot.replace(first);
        slot.replace(second);
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isFalse();
        slot.close();
        assertThat(second.closed).isTrue();
    }
}
