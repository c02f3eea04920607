package org.captionlab.cli;

import java.io.PrintWriter;
import org.captionlab.util.ProgressListener;
import org.captionlab.util.RateMeter;

/** Progress on stderr: one line rewritten in place (at most a few times a second), count, rate and ETA. */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter err;
    private final String what;
    private final String unit;
    private RateMeter meter;
    private long lastPrint;

    ConsoleProgress(PrintWriter err, String what, String unit) {
        this.err = err;
        this.what = what;
        this.unit = unit;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (meter == null) {
            meter = new RateMeter(done);
        }
        long now = System.nanoTime();
        boolean last = total >= 0 && done >= total;
        if (!last && now - lastPrint < 250_000_000L) {
            return;
        }
        lastPrint = now;
        err.print("\r" + what + ": " + meter.line(done, total, unit) + (message.isEmpty() ? "" : "  " + message) + "   ");
        if (last) {
            err.println();
        }
        err.flush();
    }
}
