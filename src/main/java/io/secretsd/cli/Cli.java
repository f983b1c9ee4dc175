package io.secretsd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Runs a command line and turns every failure into one line on stderr and an exit status:
 * 0 success, 1 failure, 2 bad usage. No stack trace unless SECRETSD_DEBUG=1.
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Cli() {}

    static int run(Object command, String name, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            err.println(name + ": " + describe(e));
            err.flush();
            if ("1".equals(System.getenv("SECRETSD_DEBUG"))) e.printStackTrace(err);
            return e instanceof SopsExit x ? x.code() : e instanceof UsageException ? USAGE : FAILED;
        });
        return cl.execute(args);
    }

    /** One line that names the cause; exception messages in this project never carry secrets. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) e = u.getCause();
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file";
        if (e instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) msg = e.getClass().getSimpleName();
        if (e instanceof IOException || e instanceof UsageException || e instanceof SopsExit) return msg;
        return msg + " (" + e.getClass().getSimpleName() + ")";
    }
}
