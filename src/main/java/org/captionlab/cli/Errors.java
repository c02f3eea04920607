package org.captionlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How the CLI reports failures: one clear line on stderr for the user, the stack trace once in the log.
 */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    /**
     * Why a file operation failed, in words: "permission denied for 'x'", "'x' does not exist", "No space
     * left on device"... (a bare {@link java.nio.file.AccessDeniedException} message is only the path).
     */
    static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof AccessDeniedException f) {
            return "permission denied for '" + f.getFile() + "'" + (f.getReason() != null ? " (" + f.getReason() + ")" : "")
                    + ": check its permissions and those of its folder";
        }
        if (t instanceof NoSuchFileException f) {
            return "'" + f.getFile() + "' does not exist";
        }
        if (t instanceof FileSystemException f && f.getFile() != null) {
            return "'" + f.getFile() + "': " + (f.getReason() != null ? f.getReason() : t.getClass().getSimpleName());
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The user-facing sentence for an exception: its message, or its type when it has none. */
    static String message(Throwable e) {
        Throwable t = e;
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException) {
            return reason(t);
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        if (!(t instanceof IOException) && !(t instanceof IllegalArgumentException) && !(t instanceof IllegalStateException)) {
            m = m + " (" + t.getClass().getSimpleName() + ")";
        }
        return m;
    }

    /** Reports a fatal error of a command. */
    static int fatal(CommandLine cl, Throwable e) {
        LOG.error("{} failed", cl.getCommandName(), e);
        cl.getErr().println("captionlab " + cl.getCommandName() + ": " + message(e));
        cl.getErr().println("  (details in the log: " + LogLocation.describe() + ")");
        cl.getErr().flush();
        return CaptionLabCommand.FATAL;
    }

    /**
     * Reports a bad command line in one sentence naming the option, with a pointer to the command's help
     * (not the whole help text, which would bury the sentence).
     */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName(" ");
        err.println(name + ": " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("  (see '" + name + " --help')");
        }
        err.flush();
        LOG.info("usage error: {}", e.getMessage());
        return CaptionLabCommand.USAGE;
    }

    /** The user stopped the command (Ctrl-C): said as such, not as an error, with its own exit code. */
    static int cancelled(CommandLine cl, CancellationException e) {
        LOG.info("{} cancelled: {}", cl.getCommandName(), e.getMessage());
        cl.getErr().println("captionlab " + cl.getCommandName() + ": " + (e.getMessage() == null ? "cancelled" : e.getMessage()));
        cl.getErr().flush();
        return CaptionLabCommand.CANCELLED;
    }

    /** picocli hook for exceptions thrown out of a command's call(). */
    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            return ex instanceof CancellationException c ? cancelled(cl, c) : fatal(cl, ex);
        }
    }
}
