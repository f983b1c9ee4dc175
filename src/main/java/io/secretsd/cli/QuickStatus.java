package io.secretsd.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * {@code secretsctl status [--json] [--socket PATH]}, the call that scripts and monitoring make again and again,
 * run without picocli: reading a command's annotations makes the JVM generate a proxy class for each annotation
 * type, and picocli's set-up took more CPU than asking the daemon and printing 1,000 entries. Only these plain
 * forms are taken here; anything else ({@code --help}, an unknown or repeated option, a missing value) goes to
 * picocli, which prints what it always printed. Output and errors are those of {@link StatusCommand} under
 * {@link Cli}.
 */
final class QuickStatus {
    private QuickStatus() {}

    /** The exit status, or -1 when {@code args} are not a plain status call (picocli then runs them). */
    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("status")) return -1;
        boolean json = false;
        String socket = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !json) {
                json = true;
            } else if (a.equals("--socket") && socket == null && i + 1 < args.length && plainValue(args[i + 1])) {
                socket = args[++i];
            } else if (a.startsWith("--socket=") && socket == null && plainValue(a.substring(9))) {
                socket = a.substring(9);
            } else {
                return -1;
            }
        }
        Charset charset = Charset.defaultCharset(); // what picocli writes with
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, charset)));
        try {
            return StatusCommand.run(out, ControlOptions.orDefault(socket == null ? null : Path.of(socket)), json);
        } catch (Exception e) {
            out.flush();
            return Cli.failed(new PrintWriter(new OutputStreamWriter(System.err, charset), true), "secretsctl", e);
        } finally {
            out.flush();
        }
    }

    /** A value picocli would take as it is: not empty, not an option, no NUL (which no path may hold). */
    private static boolean plainValue(String v) {
        return !v.isEmpty() && !v.startsWith("-") && v.indexOf('\0') < 0;
    }
}
