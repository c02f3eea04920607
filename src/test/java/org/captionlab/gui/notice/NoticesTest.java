package org.captionlab.gui.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoticesTest {

    @Test
    void keepsTheNewestAndCanUpdateOrDismiss() {
        Notices notices = new Notices();
        for (int i = 0; i < Notices.MAX + 3; i++) {
            notices.info("n" + i);
        }
        assertThat(notices.items()).hasSize(Notices.MAX);
        assertThat(notices.items().get(0).message()).isEqualTo("n3");

        Notice error = notices.error("first");
        Notice updated = notices.update(error, "second");
        assertThat(updated.id()).isEqualTo(error.id());
        assertThat(notices.latest()).contains(updated);

        notices.dismiss(error); // by id: the updated one goes
        assertThat(notices.items()).noneMatch(n -> n.id() == error.id());
        notices.dismissAll();
        assertThat(notices.items()).isEmpty();
    }
}
