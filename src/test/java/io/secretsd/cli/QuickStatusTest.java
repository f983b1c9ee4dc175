package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which command lines the picocli-free status takes, and that it leaves every other one to picocli. */
class QuickStatusTest {
    @Test
    void leavesToPicocliWhatIsNotAPlainStatusCall() {
        for (String[] args : new String[][] {
                {}, {"decrypt", "f.yaml"}, {"status", "--help"}, {"status", "-h"}, {"status", "--version"},
                {"status", "--jsn"}, {"status", "--json", "--json"}, {"status", "--socket"},
                {"status", "--socket", "--json"}, {"status", "--socket="}, {"status", "--socket", "a", "--socket", "b"},
                {"status", "extra"}, {"status", "--"}, {"status", "--socket", ""}}) {
            assertEquals(-1, QuickStatus.run(args), String.join(" ", args));
        }
    }

    @Test
    void aPlainCallToNoDaemonFailsAsPicocliWould() {
        assertEquals(Cli.FAILED, QuickStatus.run(new String[] {"status", "--socket", "/nonexistent/secretsd.sock"}));
        assertEquals(Cli.FAILED, QuickStatus.run(new String[] {"status", "--json", "--socket=/nonexistent/secretsd.sock"}));
    }
}
