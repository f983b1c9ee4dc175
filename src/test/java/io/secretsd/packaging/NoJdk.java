package io.secretsd.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command as on a host without Java: in a private mount namespace with an empty tmpfs over
 * /usr/lib/jvm (where Debian and Temurin put every JDK, and where /usr/bin/java leads), no JAVA_HOME and
 * a PATH of system folders only.
 */
final class NoJdk {
    static final String HIDE = "mount -t tmpfs none /usr/lib/jvm && exec \"$@\"";

    private NoJdk() {}

    /** Root and unshare are needed; CI has both. */
    static void assumeAvailable() {
        assumeTrue(Proc.run("id", "-u").out().strip().equals("0"), "needs root (CI runs tests as root)");
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/jvm")), "no /usr/lib/jvm to hide");
        assumeTrue(Proc.run("unshare", "-m", "--propagation", "private", "true").exit() == 0, "needs unshare -m");
    }

    static Proc.Result run(Path dir, String... command) {
        return shell(dir, "exec \"$@\"", command);
    }

    /** {@code script} runs with the JDKs hidden, in {@code dir}, with {@code command} as its arguments. */
    static Proc.Result shell(Path dir, String script, String... command) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private",
                "env", "-u", "JAVA_HOME", "-u", "JDK_HOME", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "sh", "-c", "mount -t tmpfs none /usr/lib/jvm && cd \"$0\" && " + script, dir.toString()));
        cmd.addAll(List.of(command));
        return Proc.run(null, Map.of(), cmd);
    }
}
