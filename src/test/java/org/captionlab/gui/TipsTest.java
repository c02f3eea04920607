package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TipsTest {

    private Label label;
    private final AtomicReference<String> text = new AtomicReference<>("first");

    @Start
    void start(Stage stage) {
        label = new Label("a word");
        Tips.lazy(label, text::get, tip -> tip.setShowDelay(Duration.millis(150)));
        stage.setScene(new Scene(new StackPane(label), 200, 100));
        stage.show();
    }

    private void enter() {
        Event.fireEvent(label, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, MouseButton.NONE, 0,
                false, false, false, false, false, false, false, false, false, false, null));
    }

    @Test
    void theTooltipIsMadeOnTheFirstHoverWithTheTextOfThatMoment(FxRobot robot) {
        robot.interact(() -> {
            assertThat(Tips.installed(label)).as("nothing made before a hover").isNull();
            assertThat(label.getTooltip()).isNull();
            text.set("second");
            enter();
            assertThat(Tips.installed(label).getText()).isEqualTo("second");
            assertThat(Tips.installed(label).getShowDelay()).isEqualTo(Duration.millis(150));
        });
    }

    @Test
    void laterHoversShowTheCurrentTextAndNoTextRemovesTheTooltip(FxRobot robot) {
        robot.interact(() -> {
            enter();
            var first = Tips.installed(label);
            text.set("changed");
            enter();
            assertThat(Tips.installed(label)).isSameAs(first);
            assertThat(first.getText()).isEqualTo("changed");
            text.set(" ");
            enter();
            assertThat(Tips.installed(label)).isNull();
        });
    }

    @Test
    void aRealPointerMovingOntoTheNodeInstallsIt(FxRobot robot) {
        robot.moveTo(label);
        assertThat(Tips.installed(label)).isNotNull();
        assertThat(Tips.installed(label).getText()).isEqualTo("first");
    }
}
