package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.activation.Mounter;
import io.secretsd.activation.Options;
import io.secretsd.activation.Placeholders;
import io.secretsd.testing.Proc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secretsctl check's warnings: typos in field names, owners and groups this host does not have. */
class CheckWarningsTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String manifestText) throws Exception {
        Path m = tmp.resolve("manifest.yaml");
        Files.writeString(m, manifestText.replace("T", tmp.toString()));
        Options options = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE);
        return CheckCommand.main(ActivateCommandTest.SOURCE, options, new PrintStream(out, true), new PrintStream(err, true),
                m.toString());
    }

    @Test
    void aTypoIsAWarningThatNamesTheFieldMeant() throws Exception {
        int status = check("""
                secrets:
                  - {name: db, sopsFile: /s.yaml, onwer: root, mode: "0440"}
                templates:
                  - {name: t, content: x, restartUnit: [a.service]}
                loging: {keyImport: false}
                """);
        String e = err.toString();
        assertEquals(0, status, "warnings do not fail the check:\n" + e);
        assertTrue(e.contains("warning: secrets[0].onwer: unknown field, ignored (did you mean owner?)"), e);
        assertTrue(e.contains("warning: templates[0].restartUnit: unknown field, ignored (did you mean restartUnits?)"), e);
        assertTrue(e.contains("warning: loging: unknown field, ignored (did you mean logging?)"), e);
        assertTrue(out.toString().contains("3 warnings"), out.toString());
    }

    @Test
    void ownersAndGroupsThisHostLacksAreWarnings() throws Exception {
        int status = check("""
                secrets:
                  - {name: a, sopsFile: /s.yaml, owner: root, group: root}
                  - {name: b, sopsFile: /s.yaml, owner: no-such-user-i11, group: no-such-group-i11}
                """);
        String e = err.toString();
        assertEquals(0, status, e);
        assertTrue(e.contains("warning: secrets[1].owner: no user no-such-user-i11 on this host"), e);
        assertTrue(e.contains("warning: secrets[1].group: no group no-such-group-i11 on this host"), e);
        assertFalse(e.contains("secrets[0]"), e);
    }

    @Test
    void userModeOwnersAreNotLookedUp() throws Exception {
        check("""
                userMode: true
                secretsMountPoint: "%r/secrets.d"
                symlinkPath: "%r/secrets"
                secrets:
                  - {name: b, sopsFile: /s.yaml, owner: no-such-user-i11}
                """);
        assertFalse(err.toString().contains("no-such-user-i11"), err.toString());
    }

    @Test
    void aCleanManifestHasNoWarning() throws Exception {
        assertEquals(0, check("secrets:\n  - {name: a, sopsFile: /s.yaml}\n"), err.toString());
        assertFalse(err.toString().contains("warning"), err.toString());
    }

    @Test
    void placeholderPrintsWhatSha256sumGives() {
        String name = "nested/test/file";
        Proc.Result sum = Proc.runIn(name.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sha256sum");
        String expected = "<SOPS:" + sum.out().split(" ")[0] + ":PLACEHOLDER>";
        assertEquals(expected, Placeholders.of(name));
        java.io.StringWriter w = new java.io.StringWriter();
        picocli.CommandLine cl = Secretsctl.commandLine();
        cl.setOut(new java.io.PrintWriter(w));
        assertEquals(0, cl.execute(SopsArgs.rewrite(new String[] {"placeholder", name, "test_key"}, Secretsctl.VERBS)));
        assertEquals(expected + "\n" + Placeholders.of("test_key") + "\n", w.toString());
    }
}
