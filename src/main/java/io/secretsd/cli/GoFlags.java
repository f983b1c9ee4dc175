package io.secretsd.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line in the syntax of Go's {@code flag} package, which sops-install-secrets uses: one or two
 * dashes alike, {@code -name=value} or {@code -name value} for a value flag, {@code -name} or
 * {@code -name=true|false} for a boolean one; flags end at the first argument that is not one, or after
 * {@code --}.
 *
 * @param flags     the flags given, by name (a boolean as "true" or "false"), the last of a repeated one
 * @param arguments what follows the flags
 */
record GoFlags(Map<String, String> flags, List<String> arguments) {
    /** Thrown with Go's own wording for a command line it would refuse; {@code help} for -h and -help. */
    static final class Refused extends Exception {
        final boolean help;

        Refused(String message, boolean help) {
            super(message);
            this.help = help;
        }
    }

    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");

    static GoFlags parse(Set<String> valueFlags, Set<String> booleanFlags, List<String> args) throws Refused {
        Map<String, String> flags = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') break;
            i++;
            if (a.equals("--")) break;
            String name = a.substring(a.startsWith("--") ? 2 : 1);
            if (name.isEmpty() || name.startsWith("-") || name.startsWith("=")) {
                throw new Refused("bad flag syntax: " + a, false);
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleanFlags.contains(name)) {
                if (value == null) {
                    value = "true";
                } else if (TRUE.contains(value)) {
                    value = "true";
                } else if (FALSE.contains(value)) {
                    value = "false";
                } else {
                    throw new Refused("invalid boolean value \"" + value + "\" for -" + name, false);
                }
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i == args.size()) throw new Refused("flag needs an argument: -" + name, false);
                    value = args.get(i++);
                }
            } else if (name.equals("h") || name.equals("help")) {
                throw new Refused("", true);
            } else {
                throw new Refused("flag provided but not defined: -" + name, false);
            }
            flags.put(name, value);
        }
        return new GoFlags(Map.copyOf(flags), List.copyOf(new ArrayList<>(args.subList(i, args.size()))));
    }
}
