package io.secretsd.cli;

/**
 * The start and the end of a short-lived command, kept off the class path. Each lookup by name that the class
 * path cannot answer from the AOT cache opens every jar on it (bcprov alone has thousands of entries): 10-20 ms of
 * a 100 ms command. Three such lookups happen in any run unless avoided here: picocli asks for Groovy's
 * {@code Closure}, the first socket asks the class path for a {@code SelectorProvider}, and {@code System.exit}
 * (JDK 21 and later) looks for a {@code System.LoggerFinder} to log the exit.
 */
final class ShortRun {
    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    private ShortRun() {}

    /** Before picocli or a channel is touched. A property given on the command line wins. */
    static void prepare() {
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        if (System.getProperty(SELECTOR_PROVIDER) == null) {
            String platform = platformSelectorProvider();
            if (platform != null) System.setProperty(SELECTOR_PROVIDER, platform);
        }
    }

    /**
     * The JDK's own provider, named so that no service lookup is needed; the same one the JDK would pick after
     * searching. Null where this JDK has none of that name (the search then happens as usual).
     */
    private static String platformSelectorProvider() {
        String os = System.getProperty("os.name", "");
        String name = os.equals("Linux") ? "sun.nio.ch.EPollSelectorProvider"
                : os.startsWith("Mac") ? "sun.nio.ch.KQueueSelectorProvider" : null;
        if (name == null) return null;
        try {
            Class.forName(name, false, null);
            return name;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * Ends the process once the command has returned. Output is flushed and nothing of the command is left to
     * run: a command that needs a shutdown hook (an editor's scratch directory) removes it when done, and the
     * daemon ends through {@link System#exit} instead, so its hooks run. Halting skips only the exit log's lookup.
     */
    static void exit(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
