package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secretsd.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which command lines run without picocli, that they do what picocli's run does, and that the rest go to picocli. */
class QuickCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void leavesToPicocliWhatIsNotAPlainForm() {
        for (String[] args : new String[][] {
                {}, {"edit", "f.yaml"}, {"status", "--help"}, {"status", "-h"}, {"status", "--version"},
                {"status", "--jsn"}, {"status", "--json", "--json"}, {"status", "--socket"},
                {"status", "--socket", "--json"}, {"status", "--socket="}, {"status", "--socket", "a", "--socket", "b"},
                {"status", "extra"}, {"status", "--"}, {"status", "--socket", ""},
                {"decrypt", "--help"}, {"decrypt", "a.yaml", "b.yaml"}, {"decrypt", "-"}, {"decrypt", "--extract", "[\"a\"]", "a.yaml"},
                {"decrypt", "--age-key-file"}, {"decrypt", "--age-key-file", "--ignore-mac", "a.yaml"},
                {"decrypt", "--ignore-mac", "--ignore-mac", "a.yaml"}, {"decrypt", "-o", "out", "a.yaml"},
                {"decrypt", "--", "a.yaml"}, {"decrypt", "--age-key-file="}}) {
            assertEquals(-1, QuickCommands.run("secretsctl", args), String.join(" ", args));
        }
        for (String[] args : new String[][] {
                {"activate"}, {"activate", "--help"}, {"activate", "--dry-run", "m.json"}, {"activate", "m.json", "x"},
                {"activate", "-check-mode=manifest", "m.json"}, {"run", "--manifest", "m.json"}, {"status"}}) {
            assertEquals(-1, QuickCommands.run("secretsd", args), String.join(" ", args));
        }
    }

    @Test
    void aPlainStatusCallToNoDaemonFails() {
        assertEquals(Cli.FAILED, QuickCommands.run("secretsctl", new String[] {"status", "--socket", "/nonexistent/secretsd.sock"}));
        assertEquals(Cli.FAILED, QuickCommands.run("secretsctl", new String[] {"status", "--json", "--socket=/nonexistent/secretsd.sock"}));
    }

    @Test
    void aPlainDecryptPrintsWhatPicocliRunPrints() {
        String keys = Vectors.sopsNix("age-keys.txt").toString();
        String file = Vectors.sopsNix("secrets.yaml").toString();
        String[] args = {"decrypt", "--age-key-file", keys, file};
        String[] viaPicocli = {"decrypt", "--age-key-file=" + keys, file};
        Captured quick = capture(() -> QuickCommands.run("secretsctl", args));
        Captured picocli = capture(() -> {
            CommandLine cl = Secretsctl.commandLine();
            return cl.execute(viaPicocli);
        });
        assertEquals(Cli.OK, quick.exit(), quick.err());
        assertEquals(picocli, quick);
        String none = tmp.resolve("none.yaml").toString();
        Captured missing = capture(() -> QuickCommands.run("secretsctl", new String[] {"decrypt", "--age-key-file", keys, none}));
        Captured missingViaPicocli = capture(() -> Cli.run(Secretsctl.spec(), "secretsctl", Secretsctl.SUBCOMMANDS,
                "decrypt", "--age-key-file=" + keys, none));
        assertEquals(missingViaPicocli, missing);
    }

    @Test
    void aPlainActivateOfAMissingManifestFailsAsPicocliRunDoes() {
        String none = tmp.resolve("none.json").toString();
        Captured quick = capture(() -> QuickCommands.run("secretsd", new String[] {"activate", none}));
        Captured picocli = capture(() -> Cli.run(Secretsd.spec(), "secretsd", Secretsd.SUBCOMMANDS, "activate", "--", none));
        assertEquals(Cli.FAILED, quick.exit(), quick.err());
        assertEquals(picocli, quick);
    }

    record Captured(int exit, String out, String err) {}

    static Captured capture(java.util.function.IntSupplier run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = run.getAsInt();
            System.out.flush();
            // only the commands' own lines: a test agent (Jazzer's, in a full build) may report class loading here
            String lines = e.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("secrets"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            return new Captured(exit, o.toString(StandardCharsets.UTF_8), lines);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
