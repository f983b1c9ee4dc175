package io.secretsd.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The plain forms of the calls that scripts, monitoring and boot-time units make again and again, run without
 * picocli: {@code secretsctl status [--json] [--socket PATH]}, {@code secretsctl decrypt [--age-key-file FILE]...
 * [--ssh-key FILE]... [--ignore-mac] [FILE]}, {@code secretsd activate MANIFEST} and the plain forms of
 * {@code secretsctl age decrypt|encrypt} ({@link QuickAge}). Reading a command's annotations makes the JVM generate a proxy class for each annotation
 * type; picocli's set-up took more CPU than asking the daemon for 1,000 entries, or than decrypting a file. Only
 * these forms are taken here, into the same command objects picocli would fill; anything else ({@code --help}, an
 * unknown, repeated or missing option value, {@code --}) goes to picocli, which prints what it always printed.
 * Errors take {@link Cli}'s one form and exit statuses.
 */
final class QuickCommands {
    private QuickCommands() {}

    /** The exit status, or -1 when {@code args} are not one of the plain forms (picocli then runs them). */
    static int run(String program, String[] args) {
        Callable<Integer> command = args.length == 0 ? null : switch (program + " " + args[0]) {
            case "secretsctl status" -> status(args);
            case "secretsctl decrypt" -> decrypt(args);
            case "secretsctl age" -> QuickAge.command(args);
            case "secretsd activate" -> activate(args);
            default -> null;
        };
        if (command == null) return -1;
        Charset charset = Charset.defaultCharset(); // what picocli writes with
        try {
            return command.call();
        } catch (Exception e) {
            System.out.flush();
            return Cli.failed(new PrintWriter(new OutputStreamWriter(System.err, charset), true), program, e);
        }
    }

    private static Callable<Integer> status(String[] args) {
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
                return null;
            }
        }
        Path path = ControlOptions.orDefault(socket == null ? null : Path.of(socket));
        boolean asJson = json;
        return () -> {
            PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, Charset.defaultCharset())));
            try {
                return StatusCommand.run(out, path, asJson);
            } finally {
                out.flush();
            }
        };
    }

    private static Callable<Integer> decrypt(String[] args) {
        SopsDecrypt d = new SopsDecrypt();
        d.sops = new SopsOptions();
        d.keys = new SopsKeyOptions();
        boolean file = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length && plainValue(args[i + 1]) ? args[i + 1] : null;
            if (a.equals("--ignore-mac") && !d.ignoreMac) {
                d.ignoreMac = true;
            } else if (a.equals("--age-key-file") && next != null) {
                d.keys.ageKeyFiles.add(Path.of(next));
                i++;
            } else if (a.startsWith("--age-key-file=") && plainValue(a.substring(15))) {
                d.keys.ageKeyFiles.add(Path.of(a.substring(15)));
            } else if (a.equals("--ssh-key") && next != null) {
                d.keys.sshKeys.add(Path.of(next));
                i++;
            } else if (a.startsWith("--ssh-key=") && plainValue(a.substring(10))) {
                d.keys.sshKeys.add(Path.of(a.substring(10)));
            } else if (!file && plainValue(a)) {
                d.file = a;
                file = true;
            } else {
                return null;
            }
        }
        return d;
    }

    private static Callable<Integer> activate(String[] args) {
        if (args.length != 2 || !plainValue(args[1])) return null;
        ActivateCommand a = new ActivateCommand();
        a.checkMode = "off"; // its default
        a.manifest = Path.of(args[1]);
        return a;
    }

    /** A value picocli would take as it is: not empty, not an option, no NUL (which no path may hold). */
    private static boolean plainValue(String v) {
        return !v.isEmpty() && !v.startsWith("-") && v.indexOf('\0') < 0;
    }
}
