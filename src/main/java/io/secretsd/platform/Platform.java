package io.secretsd.platform;

import java.util.Locale;

/**
 * The operating system whose conventions apply: how the secrets file system is mounted, where {@code %r}
 * points, how services are restarted. Decided once per process by {@link #current()}; everything else is
 * handed the value, so no other code asks the JVM which system it runs on.
 */
public enum Platform {
    LINUX,
    MACOS;

    /**
     * A system property that names the platform instead of {@code os.name} ({@code linux} or {@code macos}),
     * so the macOS paths can run on Linux against stand-in programs.
     */
    public static final String OVERRIDE = "secretsd.platform";

    public static Platform current() {
        String forced = System.getProperty(OVERRIDE, "");
        if (!forced.isEmpty()) {
            return switch (forced.toLowerCase(Locale.ROOT)) {
                case "linux" -> LINUX;
                case "macos", "darwin" -> MACOS;
                default -> throw new IllegalArgumentException(OVERRIDE + ": unknown platform " + forced
                        + " (linux, macos)");
            };
        }
        return ofOsName(System.getProperty("os.name", ""));
    }

    /** macOS for "Mac OS X" (what every JDK on a Mac reports), Linux conventions for everything else. */
    static Platform ofOsName(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        return n.startsWith("mac") || n.startsWith("darwin") ? MACOS : LINUX;
    }
}
