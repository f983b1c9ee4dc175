package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Host SSH keys made by ssh-keygen, named in {@code ageSshKeyPaths} or {@code sshKeyPaths}, open files encrypted
 * with {@code secretsctl encrypt} straight to the key's {@code ssh-ed25519}/{@code ssh-rsa} line and (ed25519) to
 * its ssh-to-age recipient: in {@code secretsd activate}, {@code secretsd run}, {@code secretsctl check} and
 * {@code secretsctl decrypt}. User-mode manifests: no mount, no root needed.
 */
class HostKeysIT {
    @TempDir
    static Path dir;
    static Path ed;
    static Path rsa;
    /** recipient text → the sops file encrypted to it */
    static final Map<String, Path> files = new java.util.LinkedHashMap<>();
    static String edLine;
    static String edAge;
    static String rsaLine;

    @BeforeAll
    static void keysAndFiles() throws IOException {
        Proc.require("ssh-keygen");
        ed = keygen("ed25519");
        rsa = keygen("rsa");
        edLine = pub(ed);
        rsaLine = pub(rsa);
        Proc.Result conv = Proc.runIn(edLine.getBytes(), Proc.dist("secretsctl"), "ssh-to-age");
        assertEquals(0, conv.exit(), conv.toString());
        edAge = conv.out().strip();
        assertTrue(edAge.startsWith("age1"), edAge);
        Path plain = dir.resolve("plain.yaml");
        Files.writeString(plain, "k: v\n");
        int i = 0;
        for (String r : List.of(edLine, edAge, rsaLine)) {
            Proc.Result e = Proc.run(Proc.dist("secretsctl"), "encrypt", "--age", r, plain.toString());
            assertEquals(0, e.exit(), e.toString());
            Path f = dir.resolve("to-" + i++ + ".yaml");
            Files.write(f, e.stdout());
            files.put(r, f);
        }
    }

    static Path keygen(String type) {
        Path k = dir.resolve("ssh_host_" + type + "_key");
        Proc.Result r = Proc.run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "", "-f", k.toString());
        assertEquals(0, r.exit(), r.toString());
        return k;
    }

    static String pub(Path key) throws IOException {
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    /** Which recipients each host key must open. */
    static List<String> opens(Path key) {
        return key.equals(ed) ? List.of(edLine, edAge) : List.of(rsaLine);
    }

    /** A user-mode manifest with the key in {@code list} and one secret {@code kN} per file in {@code sopsFiles}. */
    static Path manifest(Path root, String list, Path key, List<Path> sopsFiles) throws IOException {
        Files.createDirectories(root);
        List<String> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < sopsFiles.size(); i++) {
            secrets.add("""
                    {"name":"k%d","key":"k","sopsFile":"%s","format":"yaml"}""".formatted(i, sopsFiles.get(i)));
        }
        Path m = root.resolve("manifest.json");
        Files.writeString(m, """
                {"secrets":[%s],
                 "%s":["%s"],"secretsMountPoint":"%s/secrets.d","symlinkPath":"%s/secrets","userMode":true}
                """.formatted(String.join(",", secrets), list, key, root, root));
        return m;
    }

    @Test
    void activateCheckAndDecryptWithEveryHostKeyBothWays() throws IOException {
        for (Path key : List.of(ed, rsa)) {
            List<Path> sopsFiles = opens(key).stream().map(files::get).toList();
            for (String list : List.of("ageSshKeyPaths", "sshKeyPaths")) {
                String what = key.getFileName() + " in " + list;
                Path root = dir.resolve(key.getFileName() + "-" + list);
                Path m = manifest(root, list, key, sopsFiles);
                Map<String, String> env = Map.of("XDG_RUNTIME_DIR", root.toString());
                Proc.Result check = Proc.run(null, env, List.of(Proc.dist("secretsctl"), "check", m.toString()));
                assertEquals(0, check.exit(), what + ": " + check);
                Proc.Result act = Proc.run(null, env, List.of(Proc.dist("secretsd"), "activate", m.toString()));
                assertEquals(0, act.exit(), what + ": " + act + act.out());
                for (int i = 0; i < sopsFiles.size(); i++) {
                    assertEquals("v", Files.readString(root.resolve("secrets/k" + i)), what + " " + sopsFiles.get(i));
                }
            }
            for (var f : files.entrySet()) {
                Proc.Result d = Proc.run(Proc.dist("secretsctl"), "decrypt", "--ssh-key", key.toString(),
                        "--extract", "[\"k\"]", f.getValue().toString());
                boolean should = opens(key).contains(f.getKey());
                assertEquals(should ? 0 : 1, d.exit(), key + " " + f.getKey() + ": " + d);
                if (should) assertEquals("v", d.out(), key + " " + f.getKey());
            }
        }
    }

    @Test
    void theDaemonOpensAFileEncryptedToTheHostKeyLine() throws Exception {
        Path root = dir.resolve("daemon");
        manifest(root, "ageSshKeyPaths", ed, List.of(files.get(edLine)));
        DaemonHarness d = new DaemonHarness(root);
        Path notifyPath = root.resolve("notify.sock");
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process p = d.start(notifyPath, Map.of("XDG_RUNTIME_DIR", root.toString()), "--units", "none");
            try {
                d.ready(notify);
                assertEquals("v", d.read("k0"), d.log());
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
    }
}
