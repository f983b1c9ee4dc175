package io.secretsd.activation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs inside {@code unshare -m} (started by {@link MountTest}): real mounts, results printed as
 * {@code key=value} lines for the test to check.
 */
public final class MountScenario {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        Host host = new Host(dir);
        host.fillSources();
        host.options = host.options.withMounter(new LinuxMounter());
        switch (args[0]) {
            case "ramfs" -> {
                report("run1", host, host.run(Host.FIVE, Host.TEMPLATE, ""));
                report("run2", host, host.run(Host.FIVE, Host.TEMPLATE, ""));
                mounts(host.mp);
                for (String f : List.of("2", "2/test", "2/test2", "2/rendered/test_default", "2/nested")) {
                    print("mode." + f, Integer.toOctalString(mode(host.mp.resolve(f))));
                }
                print("mode.mp", Integer.toOctalString(mode(host.mp)));
                print("content.test", Files.readString(dir.resolve("test-link")));
                print("content.template", Files.readString(host.link.resolve("rendered/test_default"))
                        .replace("\n", "\\n"));
            }
            case "tmpfs" -> {
                report("run1", host, host.run(Host.FIVE, "", "\"useTmpfs\":true"));
                mounts(host.mp);
            }
            case "full" -> {
                Files.createDirectories(host.mp);
                exec("mount", "-t", "tmpfs", "-o", "size=64k,mode=0751", "none", host.mp.toString());
                report("run1", host, host.run(Host.FIVE, "", ""));
                host.source.put(dir + "/secrets.json", "test_key", "x".repeat(256 * 1024));
                host.source.put(dir + "/secrets.yaml", "test_key", "fresh");
                report("run2", host, host.run(Host.FIVE, "", "\"keepGenerations\":0"));
                mounts(host.mp);
                print("content.test", Files.readString(host.link.resolve("test")));
                print("content.test2", Files.readString(host.link.resolve("test2")));
                print("content.gen1.test2", Files.readString(host.mp.resolve("1/test2")));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void report(String run, Host host, ActivationResult r) throws Exception {
        print(run + ".exit", Integer.toString(r.exitStatus()));
        print(run + ".generation", Integer.toString(r.generation()));
        for (String e : r.errors()) {
            print(run + ".error", e);
        }
        for (Outcome o : r.outcomes()) {
            print(run + ".status." + o.relPath(), o.status().toString());
        }
        print(run + ".link", Files.isSymbolicLink(host.link) ? Files.readSymbolicLink(host.link).toString() : "none");
    }

    private static void mounts(Path mp) throws Exception {
        String want = mp.toRealPath().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f[4].equals(want)) {
                int dash = List.of(f).indexOf("-");
                print("mount", f[dash + 1] + " " + f[5] + " " + f[dash + 3]);
            }
        }
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static void exec(String... argv) throws Exception {
        int rc = new ProcessBuilder(argv).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited with " + rc);
        }
    }

    private static void print(String key, String value) {
        System.out.println(key + "=" + value);
    }

}
