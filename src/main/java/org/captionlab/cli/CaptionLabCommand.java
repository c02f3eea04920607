package org.captionlab.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.captionlab.service.Warmup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Top-level {@code captionlab} command; the work is done by its sub-commands. */
@Command(name = "captionlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Caption photos with a CNN encoder and a recurrent decoder; train and evaluate caption models.")
public final class CaptionLabCommand implements Runnable {

    /**
     * The sub-commands, in the order help lists them. Added by {@link #commandLine(String...)} rather than by the
     * annotation: picocli builds a command's model by reflection when it is added, and a run of one command only
     * needs that command's (a quarter of a second less at every start of {@code caption}).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("caption", CaptionCommand::new);
        m.put("features", FeaturesCommand::new);
        m.put("train", TrainCommand::new);
        m.put("evaluate", EvaluateCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("sweep", SweepCommand::new);
        m.put("optimise", OptimiseCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(m);
    }

    /** Exit code: everything worked. */
    public static final int OK = 0;
    /** Exit code: the run finished but some inputs failed (each reported on stderr). */
    public static final int SOME_FAILED = 1;
    /** Exit code: bad command line (picocli's default). */
    public static final int USAGE = 2;
    /** Exit code: the run could not be done at all (missing model, unreadable data...). */
    public static final int FATAL = 3;
    /** Exit code: the user stopped the run (Ctrl-C); what was done is kept (128 + SIGINT, as shells report it). */
    public static final int CANCELLED = 130;

    private static final Set<String> APP_OPTIONS = Set.of("--model", "--encoder-weights");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A picocli CommandLine for this command, with every sub-command, and CaptionLab's error handling. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * A CommandLine able to run {@code args}: when they start with a sub-command's name, only that sub-command is
     * added (its own help and errors are the same); otherwise all of them, for the top-level help.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new CaptionLabCommand());
        Supplier<Object> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        cl.setExecutionExceptionHandler(new Errors.Handler());
        cl.setParameterExceptionHandler(Errors::usage);
        // --format CSV, --guide OFF: enum values in any case.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Runs the command line and returns the exit code. Output that could not be written to standard
     * output (a full disk, a closed pipe: {@code PrintStream} only records such errors) turns a success
     * into {@link #FATAL} with a message.
     */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("caption")) {
            // The first caption's libraries load on the second core while picocli and the model load on this one.
            Warmup.start();
        }
        CommandLine cl = commandLine(args);
        int code = cl.execute(args);
        cl.getOut().flush();
        if ((cl.getOut().checkError() || System.out.checkError()) && code == OK) {
            cl.getErr().println("captionlab: cannot write to standard output (for example a full disk or a closed pipe):"
                    + " the output is incomplete; use --out FILE where the command has it");
            cl.getErr().flush();
            return FATAL;
        }
        return code;
    }

    /** Runs with explicit output streams (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * True when the arguments ask for the command line rather than the desktop app: anything but
     * nothing at all, the app's own options ({@code --model DIR}, {@code --encoder-weights PATH}) and existing
     * photos or folders to open in the app ({@code captionlab ~/Pictures}: what a new user tries first).
     */
    /** An existing file or folder that is not also a command's name (commands win: {@code captionlab train}). */
    public static boolean isPathToOpen(String arg) {
        if (arg.isEmpty() || arg.startsWith("-") || SUBCOMMANDS.containsKey(arg) || arg.equals("help")) {
            return false;
        }
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    public static boolean isCommandLine(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (APP_OPTIONS.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            if (isPathToOpen(a)) {
                continue;
            }
            return true;
        }
        return false;
    }
}
