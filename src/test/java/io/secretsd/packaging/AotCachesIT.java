package io.secretsd.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each launcher of target/dist starts with the AOT cache the build trained for its command, and the JVM takes
 * it: the cache exists, matches the runtime and the class path (no AOT error or warning), and the main class
 * comes from it. A cache that did not match would be skipped silently and only cost start-up time.
 */
class AotCachesIT {
    private static final Pattern OPENED = Pattern.compile("Opened AOT cache (\\S+)\\.\\s*$", Pattern.MULTILINE);

    /** A launcher, its arguments, the cache it must start with and a class it must find there (its main class). */
    record Start(String cache, String main, List<String> command) {
        @Override
        public String toString() {
            return String.join(" ", command) + " -> " + cache;
        }
    }

    static List<Start> starts() {
        String keys = Vectors.sopsNix("age-keys.txt").toString();
        String secrets = Vectors.sopsNix("secrets.yaml").toString();
        return List.of(
                new Start("secretsctl", "io.secretsd.cli.Secretsctl", List.of("secretsctl", "--version")),
                new Start("secretsctl-status", "io.secretsd.cli.Secretsctl",
                        List.of("secretsctl", "status", "--socket", "/nonexistent/secretsd.sock")),
                new Start("secretsctl-decrypt", "io.secretsd.cli.Secretsctl",
                        List.of("secretsctl", "decrypt", "--age-key-file", keys, secrets)),
                new Start("secretsctl-decrypt", "io.secretsd.cli.Secretsctl",
                        List.of("secretsctl", "-d", "--age-key-file", keys, secrets)),
                new Start("secretsd-activate", "io.secretsd.cli.Secretsd", List.of("secretsd", "activate", "--help")),
                // trained on `secretsd activate`, whose main class it does not share: a class of its start it does
                new Start("secretsd-activate", "io.secretsd.cli.ShortRun", List.of("sops-install-secrets", "-h")),
                new Start("secretsd-run", "io.secretsd.cli.Secretsd", List.of("secretsd", "run", "--help")),
                new Start("secretsd", "io.secretsd.cli.Secretsd", List.of("secretsd", "--version")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void startsWithItsOwnMatchingCache(Start s) throws IOException {
        Path cache = Path.of(System.getProperty("secretsd.dist", "target/dist"), "lib", s.cache() + ".aot");
        assertTrue(Files.isRegularFile(cache), cache + " missing: the build did not train it");
        List<String> command = new java.util.ArrayList<>(List.of(Proc.dist(s.command().getFirst())));
        command.addAll(s.command().subList(1, s.command().size()));
        Proc.Result r = Proc.run(null, Map.of("SECRETSD_JAVA_OPTS", "-Xlog:aot=info -Xlog:cds=warning -Xlog:class+load=info"), command);
        String log = r.out();
        Matcher m = OPENED.matcher(log);
        assertTrue(m.find(), "no AOT cache opened: " + firstLines(log));
        assertEquals(cache.toRealPath().toString(), realPath(m.group(1)), "the cache opened");
        for (String line : log.lines().toList()) {
            assertFalse(line.contains("[error][aot]") || line.contains("[warning][aot]") || line.contains("[warning][cds]")
                    || line.contains("[error][cds]"), "the cache was refused: " + line);
        }
        assertTrue(log.contains(" " + s.main() + " source: shared objects file"), s.main() + " did not come from the cache");
    }

    @Test
    void everyCacheInTheDistIsOneALauncherPicks() throws IOException {
        Set<String> picked = new TreeSet<>();
        starts().forEach(s -> picked.add(s.cache() + ".aot"));
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("secretsd.dist", "target/dist"), "lib"))) {
            Set<String> present = new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".aot")).toList());
            assertEquals(picked, present, "caches in lib/ (each costs ~5 MB of the tarball and the .deb)");
        }
    }

    private static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (IOException e) {
            return p;
        }
    }

    private static String firstLines(String s) {
        return String.join("\n", s.lines().limit(20).toList());
    }
}
