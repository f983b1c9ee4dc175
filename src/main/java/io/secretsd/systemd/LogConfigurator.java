package io.secretsd.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback.xml, in code: the same appender, layout and levels, found by logback through ServiceLoader
 * before it would parse the XML. Parsing logback.xml (Joran) costs about half a second of start-up on a
 * loaded 2-core machine, more than the rest of a `secretsctl` command. With -Dlogback.configurationFile
 * set, logback reads that file instead (logback.xml is the documented form; a test keeps the two equal).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        JournalLayout layout = new JournalLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("org.freedesktop.dbus").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(initialLevel());
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback.xml's ${SECRETSD_LOG_LEVEL:-INFO}: system property, then environment, then INFO. */
    private static Level initialLevel() {
        String value = System.getProperty(LogLevel.VARIABLE);
        if (value == null || value.isEmpty()) {
            value = System.getenv(LogLevel.VARIABLE);
        }
        if (value == null || value.isEmpty()) {
            return Level.INFO;
        }
        try {
            return LogLevel.parse(value);
        } catch (IllegalArgumentException e) {
            // Logging is not up yet to say so; LogLevel.configure() reports the bad name when the daemon applies it.
            return Level.INFO;
        }
    }
}
