package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * packaging/homebrew/secretsd.rb read by Debian's ruby with a stand-in for Homebrew's formula DSL
 * (src/test/resources/homebrew/read-formula.rb): its service runs a command line secretsd accepts, on Homebrew's
 * JDK 25 and the portable archive. Homebrew itself (brew install, brew services) only runs on a Mac or Linuxbrew.
 */
class HomebrewFormulaTest {
    private static final Path BASE = Path.of(System.getProperty("user.dir"));

    private static Map<String, Object> read() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/ruby")),
                "needs Debian's ruby (apt-get install ruby)");
        Proc.Result r = Proc.run(null, Map.of(), List.of("ruby", "-w",
                BASE.resolve("src/test/resources/homebrew/read-formula.rb").toString(),
                BASE.resolve("packaging/homebrew/secretsd.rb").toString()));
        assertEquals(0, r.exit(), r.toString());
        return io.secretsd.control.Json.parseObject(r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceRunsTheDaemonOnTheFormulasManifest() throws Exception {
        Map<String, Object> formula = read();
        Map<String, Object> fields = (Map<String, Object>) formula.get("fields");
        assertEquals("openjdk@25", fields.get("depends_on"));
        assertTrue(fields.get("url").toString().endsWith("-portable.tar.gz"), fields.toString());
        Map<String, Object> service = (Map<String, Object>) formula.get("service");
        List<String> run = (List<String>) service.get("run");
        assertEquals("/opt/homebrew/opt/secretsd/bin/secretsd", run.getFirst());
        CommandLine.ParseResult parsed = Secretsd.commandLine().parseArgs(run.subList(1, run.size()).toArray(String[]::new));
        RunCommand daemon = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(Path.of("/opt/homebrew/etc/secretsd/manifest.json"), daemon.manifest);
        assertEquals(Map.of("crashed", true), service.get("keep_alive"), "restarted after a crash, not after a clean stop");
    }
}
