package io.secretsd.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** The root log level from SECRETSD_LOG_LEVEL or, when that is unset, from the daemon's configuration. */
public final class LogLevel {

    public static final String VARIABLE = "SECRETSD_LOG_LEVEL";

    private LogLevel() {}

    /**
     * Applies {@code fromConfig} unless SECRETSD_LOG_LEVEL is set (logback.xml has applied it then).
     * Returns the level in force; an unknown name is refused with an IllegalArgumentException naming it.
     */
    public static String configure(Optional<String> fromConfig, Map<String, String> env) {
        if (!logbackActive()) {
            return "unknown";
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        String chosen = env.get(VARIABLE);
        if ((chosen == null || chosen.isEmpty()) && fromConfig.isPresent()) {
            chosen = fromConfig.get();
        }
        if (chosen != null && !chosen.isEmpty()) {
            root.setLevel(parse(chosen));
        }
        return root.getLevel().toString();
    }

    static Level parse(String name) {
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "ERROR" -> Level.ERROR;
            case "WARN", "WARNING" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            case "TRACE" -> Level.TRACE;
            default -> throw new IllegalArgumentException(VARIABLE + " / log level: unknown level \"" + name
                    + "\" (expected error, warn, info or debug)");
        };
    }

    /** Whether logback is the slf4j backend (it is in the shipped jar; a test classpath may differ). */
    static boolean logbackActive() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
    }
}
