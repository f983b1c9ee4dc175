package io.secretsd.systemd;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Run by JournalLayoutTest: logs at each level through the shipped logback.xml; stdout gets timings. */
public final class LoggingChild {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Logger log = LoggerFactory.getLogger("io.secretsd.test");
        log.error("e1 {}", "arg");
        long t1 = System.nanoTime();
        log.warn("w1");
        log.info("i1\nsecond line");
        log.debug("d1");
        log.error("failed", new java.io.IOException("outer", new IllegalStateException("inner")));
        if (args.length > 0) {
            LogLevel.configure(Optional.of(args[0]), System.getenv());
            log.debug("d2");
            log.info("i2");
        }
        System.out.println("init-us=" + (t1 - t0) / 1000);
    }
}
