package io.secretsd.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The plain forms of {@code secretsctl age decrypt} and {@code secretsctl age encrypt}, filled into the
 * command objects picocli would fill, without picocli: its set-up of the age commands took ~90 ms of CPU
 * (a third of decrypting a small file). Each option once in its long or short spelling with a separate or
 * {@code =} value (the list options repeated), at most one input file, and at least one key or recipient;
 * anything else (stdin as {@code -}, {@code --help}, a usage error) goes to picocli.
 */
final class QuickAge {
    private QuickAge() {}

    /** The command, or null when {@code args} ({@code age VERB ...}) are not a plain form. */
    static Callable<Integer> command(String[] args) {
        if (args.length < 2) return null;
        return switch (args[1]) {
            case "decrypt" -> decrypt(args);
            case "encrypt" -> encrypt(args);
            default -> null;
        };
    }

    private static Callable<Integer> decrypt(String[] args) {
        AgeDecrypt d = new AgeDecrypt();
        Options o = new Options(args);
        while (o.more()) {
            if (o.value("-i", "--identity")) d.identityFiles.add(Path.of(o.value));
            else if (d.passphraseFile == null && o.value(null, "--passphrase-file")) d.passphraseFile = Path.of(o.value);
            else if (d.output == null && o.value("-o", "--output")) d.output = Path.of(o.value);
            else if (d.input == null && o.plain()) d.input = Path.of(o.value);
            else return null;
        }
        return d.identityFiles.isEmpty() && d.passphraseFile == null ? null : d;
    }

    private static Callable<Integer> encrypt(String[] args) {
        AgeEncrypt e = new AgeEncrypt();
        Options o = new Options(args);
        while (o.more()) {
            if (o.value("-r", "--recipient")) e.recipients.add(o.value);
            else if (o.value("-R", "--recipients-file")) e.recipientFiles.add(Path.of(o.value));
            else if (e.passphraseFile == null && o.value(null, "--passphrase-file")) e.passphraseFile = Path.of(o.value);
            else if (!e.armor && o.flag("-a", "--armor")) e.armor = true;
            else if (e.output == null && o.value("-o", "--output")) e.output = Path.of(o.value);
            else if (e.input == null && o.plain()) e.input = Path.of(o.value);
            else return null;
        }
        boolean recipients = !e.recipients.isEmpty() || !e.recipientFiles.isEmpty();
        return recipients == (e.passphraseFile == null) ? e : null;
    }

    /** The arguments after {@code age VERB}, read one option at a time. */
    private static final class Options {
        private final List<String> args;
        private int next = 2;
        String value;

        Options(String[] args) {
            this.args = List.of(args);
        }

        boolean more() {
            return next < args.size();
        }

        /** The option {@code shortName VALUE}, {@code longName VALUE} or {@code longName=VALUE}. */
        boolean value(String shortName, String longName) {
            String a = args.get(next);
            if ((a.equals(shortName) || a.equals(longName)) && next + 1 < args.size() && plainValue(args.get(next + 1))) {
                value = args.get(next + 1);
                next += 2;
                return true;
            }
            if (a.startsWith(longName + "=") && plainValue(a.substring(longName.length() + 1))) {
                value = a.substring(longName.length() + 1);
                next++;
                return true;
            }
            return false;
        }

        boolean flag(String shortName, String longName) {
            String a = args.get(next);
            if (!a.equals(shortName) && !a.equals(longName)) return false;
            next++;
            return true;
        }

        boolean plain() {
            if (!plainValue(args.get(next))) return false;
            value = args.get(next++);
            return true;
        }
    }

    /** A value picocli would take as it is: not empty, not an option, no NUL (which no path may hold). */
    private static boolean plainValue(String v) {
        return !v.isEmpty() && !v.startsWith("-") && v.indexOf('\0') < 0;
    }
}
