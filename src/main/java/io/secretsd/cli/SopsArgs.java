package io.secretsd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * sops' verb-less forms, rewritten to its verbs before parsing: {@code -e}/{@code --encrypt} → {@code encrypt},
 * {@code -d}/{@code --decrypt} → {@code decrypt}, {@code -r}/{@code --rotate} → {@code rotate}, {@code --set PAIR} →
 * {@code set --set PAIR}, a bare
 * {@code FILE} → {@code edit FILE}; options given before a verb (sops' global flags) move after it.
 */
final class SopsArgs {
    private static final Set<String> OWN = Set.of("-h", "--help", "-V", "--version");

    private SopsArgs() {}

    static String[] rewrite(String[] args, Set<String> verbs) {
        if (args.length == 0 || OWN.contains(args[0]) || verbs.contains(args[0])) return args;
        List<String> rest = new ArrayList<>();
        String verb = null;
        boolean positional = false;
        for (String a : args) {
            if (positional || a.equals("--")) {
                rest.add(a);
                positional = positional || a.equals("--");
                continue;
            }
            String mapped = switch (a) {
                case "-e", "--encrypt" -> "encrypt";
                case "-d", "--decrypt" -> "decrypt";
                case "-r", "--rotate" -> "rotate";
                default -> null;
            };
            if (mapped != null && verb == null) {
                verb = mapped;
                continue;
            }
            if (verb == null && (a.equals("--set") || a.startsWith("--set="))) {
                // sops --set '["a"] "v"' FILE: the set verb, which reads the pair from its --set option
                verb = "set";
                rest.add(a);
                continue;
            }
            if (verb == null && verbs.contains(a)) {
                // global options first, then the verb: the verb goes to the front
                verb = a;
                continue;
            }
            rest.add(a);
        }
        if (verb == null) verb = "edit";
        List<String> out = new ArrayList<>();
        out.add(verb);
        out.addAll(rest);
        return out.toArray(String[]::new);
    }
}
