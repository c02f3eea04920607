package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run the user stopped is reported as stopped, with its own exit code, never as a fatal error. */
class CancellationTest {

    @CommandLine.Command(name = "evaluate")
    static final class Stopped implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new CancellationException("evaluation cancelled after 12 of 1,000 images");
        }
    }

    @Test
    void aCancelledCommandSaysSoAndExitsWithItsOwnCode() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Stopped());
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new Errors.Handler());

        int code = cl.execute();

        assertThat(code).isEqualTo(CaptionLabCommand.CANCELLED);
        assertThat(err.toString()).isEqualTo("captionlab evaluate: evaluation cancelled after 12 of 1,000 images"
                + System.lineSeparator());
    }
}
