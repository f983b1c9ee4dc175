package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml in a child JVM, with stderr a file that JOURNAL_STREAM does or does not name. */
class JournalLayoutTest {

    @TempDir
    Path dir;

    private record Run(List<String> stderr, long initMicros) {}

    /** Runs LoggingChild through sh; {@code journalStream} is a shell word for JOURNAL_STREAM, or null. */
    private Run run(String journalStream, String level, String... args) throws Exception {
        return run(journalStream, level, List.of(), args);
    }

    private Run run(String journalStream, String level, List<String> jvmOptions, String... args) throws Exception {
        Path err = dir.resolve("stderr-" + System.nanoTime());
        StringBuilder sh = new StringBuilder();
        if (journalStream != null) {
            sh.append("JOURNAL_STREAM=").append(journalStream).append("; export JOURNAL_STREAM; ");
        }
        sh.append("exec \"$@\"");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", sh.toString(), "sh",
                ProcessHandle.current().info().command().orElseThrow(), "-Xshare:auto"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoggingChild.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().remove("JOURNAL_STREAM");
        pb.environment().remove("SECRETSD_LOG_LEVEL");
        if (level != null) {
            pb.environment().put("SECRETSD_LOG_LEVEL", level);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(err);
        assertEquals(0, p.exitValue(), () -> out + lines);
        long init = Long.parseLong(out.strip().replaceAll("(?s).*init-us=(\\d+).*", "$1"));
        return new Run(lines, init);
    }

    /** Issue 9, defect 12: a name from a manifest or a peer must not steer the terminal or forge a line. */
    @Test
    void controlCharactersInNamesAreEscaped() {
        JournalLayout layout = new JournalLayout();
        layout.setJournal(false);
        ch.qos.logback.classic.Logger logger = new ch.qos.logback.classic.LoggerContext().getLogger("t");
        String name = "a\u001b[31m\nINFO forged\u0007\u009b";
        assertEquals("INFO secret a\\u001b[31m\\nINFO forged\\u0007\\u009b changed 3\n", layout.doLayout(
                new ch.qos.logback.classic.spi.LoggingEvent("x", logger, Level.INFO, "secret {} changed {}", null, new Object[] {name, 3})));
        // built into the message by the caller: escaped too, a line break continued under the prefix
        assertEquals("ERROR secret a\\u001b[31m\n  INFO forged\\u0007\\u009b: failed\n", layout.doLayout(
                new ch.qos.logback.classic.spi.LoggingEvent("x", logger, Level.ERROR, "secret " + name + ": failed", null, null)));
    }

    @Test
    void underTheJournalLinesCarryPriorities() throws Exception {
        // stat -L on our own stderr, as systemd computes JOURNAL_STREAM for the stream it connects
        Run r = run("$(stat -L -c %d:%i /proc/self/fd/2)", "debug");
        assertEquals(List.of("<3>e1 arg", "<4>w1", "<6>i1", "<6>second line", "<7>d1",
                "<3>failed: java.io.IOException: outer, caused by java.lang.IllegalStateException: inner"), r.stderr());
    }

    @Test
    void otherwisePlainLevelLines() throws Exception {
        Run r = run(null, null);
        assertEquals(List.of("ERROR e1 arg", "WARN w1", "INFO i1", "  second line",
                "ERROR failed: java.io.IOException: outer, caused by java.lang.IllegalStateException: inner"), r.stderr());
    }

    @Test
    void logbackXmlAndLogConfiguratorAgree() throws Exception {
        List<String> xml = List.of("-Dlogback.configurationFile=logback.xml");
        for (String level : new String[] {"debug"}) {
            Run code = run(null, level);
            Run file = run(null, level, xml);
            assertEquals(file.stderr(), code.stderr(), "SECRETSD_LOG_LEVEL=" + level);
            Run codeJournal = run("$(stat -L -c %d:%i /proc/self/fd/2)", level);
            Run fileJournal = run("$(stat -L -c %d:%i /proc/self/fd/2)", level, xml);
            assertEquals(fileJournal.stderr(), codeJournal.stderr(), "journal, SECRETSD_LOG_LEVEL=" + level);
            System.out.println("logback init to first event: LogConfigurator " + code.initMicros() / 1000
                    + " ms, logback.xml " + file.initMicros() / 1000 + " ms");
        }
    }

    @Test
    void aJournalStreamThatIsNotOurStderrIsIgnored() throws Exception {
        Run r = run("1:2", "warn");
        assertEquals(List.of("ERROR e1 arg", "WARN w1",
                "ERROR failed: java.io.IOException: outer, caused by java.lang.IllegalStateException: inner"), r.stderr());
    }

    @Test
    void configLevelAppliesOnlyWithoutTheVariable() throws Exception {
        List<String> fromConfig = run(null, null, "debug").stderr();
        assertTrue(fromConfig.contains("DEBUG d2"), fromConfig::toString);
        List<String> envWins = run(null, "info", "debug").stderr();
        assertFalse(envWins.contains("DEBUG d2"), envWins::toString);
        assertTrue(envWins.contains("INFO i2"), envWins::toString);
    }

    @Test
    void prioritiesAndLevelNames() {
        assertEquals(3, JournalLayout.priority(Level.ERROR));
        assertEquals(4, JournalLayout.priority(Level.WARN));
        assertEquals(6, JournalLayout.priority(Level.INFO));
        assertEquals(7, JournalLayout.priority(Level.DEBUG));
        assertEquals(Level.WARN, LogLevel.parse(" warning "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("loud"));
        assertTrue(e.getMessage().contains("loud"));
        assertFalse(JournalLayout.stderrIsJournal(Map.of()));
    }
}
