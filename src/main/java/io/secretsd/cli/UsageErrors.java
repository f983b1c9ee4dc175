package io.secretsd.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Bad usage as one line and a pointer to {@code --help}, instead of picocli's whole usage text: an unknown
 * option names the closest real one ({@code --manfest}: did you mean {@code --manifest}?), since a misspelt
 * option is also why a required one looks missing.
 */
final class UsageErrors {
    private UsageErrors() {}

    static int handle(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        String unknown = firstUnknownOption(cl, args);
        String line;
        if (unknown != null) {
            String name = unknown.contains("=") ? unknown.substring(0, unknown.indexOf('=')) : unknown;
            String near = closest(name, cl.getCommandSpec());
            line = command + ": unknown option '" + name + "'" + (near == null ? "" : "; did you mean " + near + "?");
        } else {
            line = command + ": " + plain(ex.getMessage());
        }
        err.println(line + " (see '" + command + " --help')");
        err.flush();
        return Cli.USAGE;
    }

    /** picocli's messages, in this project's words. */
    private static String plain(String m) {
        if (m == null) return "bad usage";
        return m.replace("Missing required parameter: ", "missing ")
                .replace("Missing required parameters: ", "missing ")
                .replace("Missing required option: ", "missing option ")
                .replace("Missing required options ", "missing options ")
                .replace("Unmatched argument at index ", "unexpected argument at position ")
                .replace("Unmatched arguments from index ", "unexpected arguments from position ")
                .replace("Invalid value for option ", "invalid value for option ")
                .replace("Expected parameter for option ", "no value given for option ")
                .replace("Error: ", "");
    }

    /** A token that looks like an option of no command on the way from the root to the failing one. */
    private static String firstUnknownOption(CommandLine failing, String[] args) {
        Set<String> known = new LinkedHashSet<>();
        for (CommandLine c = failing; c != null; c = c.getParent()) known.addAll(c.getCommandSpec().optionsMap().keySet());
        for (String a : args) {
            if (a.equals("--")) return null;
            if (!a.startsWith("-") || a.equals("-")) continue;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (known.contains(name)) continue;
            // clustered short options (-ao FILE) are picocli's to judge
            if (!name.startsWith("--") && name.length() > 2 && known.contains(name.substring(0, 2))) continue;
            return a;
        }
        return null;
    }

    /** The option nearest to {@code name} by edit distance, if near enough to be a typo. */
    static String closest(String name, CommandSpec spec) {
        List<String> names = new ArrayList<>(spec.optionsMap().keySet());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(name, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
