package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} on every command and subcommand of the packaged launchers exits 0 and prints its usage, with
 * every option described. The subcommands are read from each command's own help, so commands added later are
 * covered too.
 */
class HelpIT {
    /** An option line with nothing after it: {@code   -o, --output=FILE} (picocli puts the description beside it). */
    private static final Pattern BARE_OPTION = Pattern.compile("^\\s+(-[\\w?], )?--?[\\w-]+(\\[?=[^ ]+)?(, --?[\\w-]+(\\[?=[^ ]+)?)*\\s*$");
    private static final Pattern OPTION_START = Pattern.compile("^\\s+(-[\\w?], )?--?[\\w-]+.*");

    @Test
    void everyCommandHasHelpAndEveryOptionADescription() {
        List<String> checked = new ArrayList<>();
        for (String top : List.of("secretsctl", "secretsd")) walk(List.of(top), checked);
        assertTrue(checked.size() >= 12, checked.toString());
        // a man page for each, generated at build time from the same specs
        java.nio.file.Path man = java.nio.file.Path.of(System.getProperty("secretsd.dist", "target/dist"), "share/man/man1");
        for (String c : checked) {
            java.nio.file.Path page = man.resolve(c.replace(' ', '-') + ".1");
            assertTrue(java.nio.file.Files.isRegularFile(page), "no man page " + page);
            try {
                assertTrue(java.nio.file.Files.readString(page).contains(".TH \"" + c.replace("-", "\\-").replace(" ", "\\-").toUpperCase(java.util.Locale.ROOT) + "\""),
                        page.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // -h too, on a command that requires arguments
        Proc.Result h = Proc.run(Proc.dist("secretsd"), "activate", "-h");
        assertEquals(0, h.exit(), h.toString());
        assertTrue(h.out().startsWith("Usage: secretsd activate"), h.out());
    }

    private static void walk(List<String> command, List<String> checked) {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, Proc.dist(command.getFirst()));
        cmd.add("--help");
        Proc.Result r = Proc.run(null, java.util.Map.of(), cmd);
        String name = String.join(" ", command);
        assertEquals(0, r.exit(), name + " --help: " + r + r.out());
        assertEquals("", r.stderr(), name);
        String out = r.out();
        assertTrue(out.startsWith("Usage: " + name), name + ":\n" + out);
        checked.add(name);
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Commands:")) break;
            if (!BARE_OPTION.matcher(l).matches()) continue;
            boolean described = i + 1 < lines.size() && !lines.get(i + 1).isBlank()
                    && !OPTION_START.matcher(lines.get(i + 1)).matches() && !lines.get(i + 1).startsWith("Commands:");
            assertTrue(described, name + ": option without a description: " + l + "\n" + out);
        }
        boolean inCommands = false;
        for (String l : lines) {
            if (l.startsWith("Commands:")) {
                inCommands = true;
                continue;
            }
            if (!inCommands || l.isBlank()) continue;
            // "  name  description": a subcommand name starts at column 2
            if (l.startsWith("  ") && !l.startsWith("   ")) {
                String[] words = l.strip().split("\\s+");
                assertTrue(words.length > 1, name + ": command without a description: " + l);
                String sub = words[0].replace(",", "");
                if (sub.equals("help")) continue;
                List<String> next = new ArrayList<>(command);
                next.add(sub);
                walk(next, checked);
            }
        }
    }
}
