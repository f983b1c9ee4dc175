package io.secretsd.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.helpers.MessageFormatter;

/**
 * One line per event. When stderr is the journal (systemd sets JOURNAL_STREAM to stderr's "device:inode"),
 * each line starts with its syslog priority, {@code <3>} error, {@code <4>} warning, {@code <6>} info,
 * {@code <7>} debug (sd-daemon(3)), and journald adds time and unit. Otherwise plain {@code LEVEL message}.
 * An exception adds its type and message, never a stack trace: logged errors are for operators. Control
 * characters are escaped: in an argument (a name, a path, a peer's text) all of them, line breaks too.
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {

    private boolean journal;

    @Override
    public void start() {
        journal = stderrIsJournal(System.getenv());
        super.start();
    }

    /** For tests and for a daemon that knows better: force the journal format on or off. */
    public void setJournal(boolean journal) {
        this.journal = journal;
    }

    public boolean isJournal() {
        return journal;
    }

    /**
     * Whether JOURNAL_STREAM names our stderr. A process that inherits JOURNAL_STREAM but had its stderr
     * redirected (a shell in a unit, a test harness) must not print priority prefixes into a file.
     */
    static boolean stderrIsJournal(Map<String, String> env) {
        String stream = env.get("JOURNAL_STREAM");
        if (stream == null || stream.isEmpty()) {
            return false;
        }
        try {
            Path stderr = Path.of("/proc/self/fd/2");
            Object dev = Files.getAttribute(stderr, "unix:dev");
            Object ino = Files.getAttribute(stderr, "unix:ino");
            return stream.equals(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // cannot tell (no /proc): trust systemd
        }
    }

    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    /**
     * The message with its arguments (names, paths, reasons: text from manifests and peers) escaped
     * whole, so that none can break the line, forge another, or steer a terminal.
     */
    private static String message(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0 || event.getMessage() == null) return event.getFormattedMessage();
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] != null && !(safe[i] instanceof Number) && !(safe[i] instanceof Throwable)) {
                String s = String.valueOf(safe[i]);
                String e = escape(s, false);
                if (!e.equals(s)) safe[i] = e;
            }
        }
        return MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage();
    }

    /** C0 and C1 control characters and DEL as {@code \n}, {@code \t} or {@code \u001b}; line breaks kept if asked. */
    static String escape(CharSequence s, boolean keepNewlines) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (!control || (keepNewlines && c == '\n')) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s.toString() : b.toString();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        String prefix = journal ? "<" + priority(event.getLevel()) + ">" : event.getLevel() + " ";
        line.append(prefix).append(message(event));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(t == event.getThrowableProxy() ? ": " : ", caused by ").append(t.getClassName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage());
            }
        }
        // A line break inside a message would start an unprefixed journal entry (priority info) or a line
        // that reads as another event: continue it under the same prefix.
        String text = escape(line, true);
        if (text.indexOf('\n') >= 0) {
            text = text.replace("\n", "\n" + (journal ? prefix : "  "));
        }
        return text + "\n";
    }
}
