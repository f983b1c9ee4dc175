package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Whatever systemd (or anyone) puts in the environment, parsing ends in a result or a typed exception. */
class EnvironmentParsingProperties {

    private static final long PID = 4242;

    @Property(tries = 500)
    void listenVariablesNeverThrowUnchecked(@ForAll @StringLength(max = 12) @Chars({'0', '1', '2', '4', '-', 'x', ':'}) String fds,
                                            @ForAll @StringLength(max = 12) @Chars({'4', '2', '-', ':', 'a'}) String pid,
                                            @ForAll @StringLength(max = 20) String names,
                                            @ForAll boolean ours) {
        Map<String, String> env = new HashMap<>();
        env.put("LISTEN_FDS", fds);
        env.put("LISTEN_PID", ours ? Long.toString(PID) : pid);
        env.put("LISTEN_FDNAMES", names);
        try {
            List<SocketActivation.ListenFd> got = SocketActivation.listenFds(env, PID);
            for (int i = 0; i < got.size(); i++) {
                assertEquals(SocketActivation.FIRST_FD + i, got.get(i).fd());
            }
        } catch (SocketActivationException expected) {
            assertTrue(expected.getMessage().startsWith("LISTEN_"), expected.getMessage());
        }
    }

    @Property(tries = 500)
    void watchdogVariablesNeverThrow(@ForAll @StringLength(max = 25) String usec, @ForAll @StringLength(max = 8) String pid) {
        SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", usec, "WATCHDOG_PID", pid), PID)
                .ifPresent(d -> assertTrue(d.isPositive()));
    }

    @Property(tries = 300)
    void everyJournalLineCarriesThePriority(@ForAll @StringLength(max = 60) String message) {
        JournalLayout layout = new JournalLayout();
        layout.setJournal(true);
        LoggingEvent event = new LoggingEvent("x", new LoggerContext().getLogger("t"), Level.WARN, message, null, null);
        String out = layout.doLayout(event);
        assertTrue(out.endsWith("\n"));
        for (String line : out.substring(0, out.length() - 1).split("\n", -1)) {
            assertTrue(line.startsWith("<4>"), () -> "unprefixed line in " + out);
        }
    }
}
