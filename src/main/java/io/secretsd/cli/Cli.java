package io.secretsd.cli;

import io.secretsd.errors.Errors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a command line and turns every failure into one line on stderr and an exit status:
 * 0 success, 1 failure, 2 bad usage. No stack trace unless SECRETSD_DEBUG=1. Every line has one form,
 * {@code PROGRAM: FILE: what failed: why}, in plain words.
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Cli() {}

    static int run(Object command, String name, String... args) {
        return run(command, name, List.of(), args);
    }

    /** Runs {@code command} with only the one of {@code subcommands} that {@code args} invoke built. */
    static int run(Object command, String name, List<Subcommand> subcommands, String... args) {
        CommandLine cl = new CommandLine(command);
        LazySubcommands.register(cl, subcommands, args, 0);
        // After registration, so that whichever subcommands were built get -h/--help.
        HelpOptions.everywhere(cl);
        // Picocli would ask java.io.Console (which loads a terminal library) whether to colour help text.
        if (!Terminal.stdoutMayBeTerminal()) cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((e, line, parsed) -> failed(line.getErr(), name, e));
        cl.setParameterExceptionHandler(UsageErrors::handle);
        return cl.execute(args);
    }

    /** Reports a command's failure in the one form and gives its exit status. */
    static int failed(PrintWriter err, String name, Exception e) {
        err.println(name + ": " + describe(e));
        err.flush();
        if ("1".equals(System.getenv("SECRETSD_DEBUG"))) e.printStackTrace(err);
        return e instanceof SopsExit x ? x.code() : e instanceof UsageException ? USAGE : FAILED;
    }

    /** One line that names the cause; exception messages in this project never carry secrets. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) e = u.getCause();
        if (e instanceof FileSystemException f && f.getFile() != null) return f.getFile() + ": " + Errors.reason(f);
        String msg = e.getMessage();
        if (e instanceof IOException || e instanceof UsageException || e instanceof SopsExit || e instanceof IllegalArgumentException) {
            return msg == null || msg.isBlank() ? Errors.reason(e) : msg;
        }
        // a bug: say so plainly (SECRETSD_DEBUG=1 prints the trace)
        return "internal error" + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
