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
                print("mode.linkparent", Integer.toOctalString(mode(dir.resolve("etc/externally"))));
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
            case "fullLinks" -> {
                // a value that takes exactly the room left, so that nothing else (the links file) fits
                Files.createDirectories(host.mp);
                exec("mount", "-t", "tmpfs", "-o", "size=64k,mode=0751", "none", host.mp.toString());
                report("run1", host, host.run(Host.FIVE, "", ""));
                long free = Files.getFileStore(host.mp).getUsableSpace();
                host.source.put(dir + "/secrets.json", "test_key", "x".repeat((int) free));
                report("run2", host, host.run(Host.FIVE, "", ""));
                entries("run2", host.mp);
                print("run2.size.test2", Long.toString(Files.size(host.link.resolve("test2"))));
                host.source.put(dir + "/secrets.json", "test_key", "y".repeat((int) free - 8192));
                report("run3", host, host.run(Host.FIVE, "", ""));
                entries("run3", host.mp);
                print("run3.size.test2", Long.toString(Files.size(host.link.resolve("test2"))));
                report("run4", host, host.run(Host.FIVE, "", ""));
                entries("run4", host.mp);
                print("free", Long.toString(free));
            }
            case "vectors" -> {
                String v = args[2];
                String ph = Placeholders.of("test_key");
                String json = """
                        {"secrets":[
                          {"name":"test_key","key":"test_key","sopsFile":"V/secrets.yaml","owner":"nobody",
                           "group":"nogroup","mode":"0400","path":"D/existing-file"},
                          {"name":"nested/test/file","key":"nested/test/file","sopsFile":"V/secrets.yaml"}],
                         "templates":[{"name":"test_default","content":"Test value: PH\\n"}],
                         "placeholderBySecretName":{"test_key":"PH"},
                         "ageSshKeyPaths":["V/ssh-ed25519-key"],
                         "secretsMountPoint":"D/secrets.d","symlinkPath":"D/secrets"}"""
                        .replace("V", v).replace("D", dir.toString()).replace("PH", ph);
                io.secretsd.manifest.Manifest m = io.secretsd.manifest.ManifestReader.parse(
                        json.getBytes(StandardCharsets.UTF_8), "vectors");
                report("run1", host, Activation.run(m, host.options, new SopsSecrets(java.util.Map.of())));
                mounts(host.mp);
                print("content.test", Files.readString(dir.resolve("existing-file")));
                print("realpath.test", dir.resolve("existing-file").toRealPath().toString());
                print("content.nested", Files.readString(host.link.resolve("nested/test/file")));
                print("content.template", Files.readString(host.link.resolve("rendered/test_default"))
                        .replace("\n", "\\n"));
                print("mode.test", Integer.toOctalString(mode(host.mp.resolve("1/test_key"))));
                try (var s = Files.list(host.mp)) {
                    print("mount.entries", String.join(",", s.map(p -> p.getFileName().toString()).sorted().toList()));
                }
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

    private static void entries(String run, Path mp) throws Exception {
        try (var s = Files.list(mp)) {
            print(run + ".entries", String.join(",", s.map(p -> p.getFileName().toString()).sorted().toList()));
        }
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
