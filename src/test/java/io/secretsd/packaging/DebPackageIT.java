package io.secretsd.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/secretsd_VERSION_amd64.deb installed on this machine with dpkg -i, used from /usr/bin with every JDK
 * hidden, checked by systemd-analyze and lintian, then removed and purged. It changes the machine, so it runs
 * only as root, never over a secretsd package that was installed before it, one run at a time (a lock file),
 * and it purges the package at the end whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    static final Path LOCK = Path.of(Files.isDirectory(Path.of("/run/lock")) ? "/run/lock" : "/tmp", "secretsd-deb-test.lock");
    static final Path RUN_SECRETS = Path.of("/run/secrets");
    static final Path MARKER = RUN_SECRETS.resolve("secretsd-deb-test-marker");
    static final Path STATE = Path.of("/var/lib/secretsd");
    static final Path MANIFEST = Path.of("/etc/secretsd/manifest.json");

    static FileChannel lockFile;
    static FileLock lock;
    static boolean installed;
    static boolean madeRunSecrets;
    static boolean madeManifest;
    static List<String> files = List.of();

    @TempDir
    static Path tmp;

    static Path deb() throws IOException {
        Path target = Path.of(System.getProperty("secretsd.dist", "target/dist")).toAbsolutePath().getParent();
        try (Stream<Path> s = Files.list(target)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("secretsd_.*_amd64\\.deb")).toList();
            if (found.size() != 1) fail("expected one .deb in " + target + " (made by `mvn package`), found " + found);
            return found.getFirst();
        }
    }

    static String status() {
        return Proc.run("dpkg-query", "-W", "-f", "${db:Status-Status}", "secretsd").out().strip();
    }

    /** dpkg refuses while apt or another dpkg holds its lock: wait for it rather than fail. */
    static Proc.Result dpkg(String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            Proc.Result r = Proc.run(cmd.toArray(String[]::new));
            if (r.exit() == 0 || !r.stderr().contains("lock") || System.nanoTime() > deadline) return r;
            Thread.sleep(2000);
        }
    }

    @BeforeAll
    static void install() throws Exception {
        NoJdk.assumeAvailable();
        Proc.require("dpkg");
        Path deb = deb();
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + 900_000_000_000L;
        while ((lock = lockFile.tryLock()) == null) {
            if (System.nanoTime() > deadline) fail("another run of this test held " + LOCK + " for 15 minutes");
            Thread.sleep(1000);
        }
        String before = status();
        assumeTrue(before.isEmpty() || before.equals("not-installed") || before.equals("config-files"),
                "a secretsd package is already here (" + before + "); this test would replace and purge it");
        assumeTrue(!Files.exists(Path.of("/etc/secretsd")), "/etc/secretsd exists: a real configuration, left alone");
        installed = true;
        Proc.Result r = dpkg("-i", deb.toString());
        assertEquals(0, r.exit(), r + "\n" + r.out());
        files = Proc.run("dpkg-query", "-L", "secretsd").out().lines().filter(l -> l.startsWith("/")).toList();
    }

    @AfterAll
    static void purge() throws Exception {
        try {
            if (installed) dpkg("-P", "secretsd");
            Files.deleteIfExists(MARKER);
            if (madeRunSecrets) Files.deleteIfExists(RUN_SECRETS);
            if (madeManifest) {
                Files.deleteIfExists(MANIFEST);
                Files.deleteIfExists(MANIFEST.getParent());
            }
        } finally {
            if (lock != null) lock.release();
            if (lockFile != null) lockFile.close();
        }
    }

    static Proc.Result noJdk(String... command) {
        return NoJdk.run(Path.of("/"), command);
    }

    @Test
    @Order(1)
    void layout() {
        for (String f : List.of("/usr/bin/secretsd", "/usr/bin/secretsctl", "/usr/lib/secretsd/bin/sops-install-secrets",
                "/usr/lib/secretsd/runtime/bin/java", "/usr/lib/secretsd/lib/secretsd.jar", "/usr/lib/secretsd/lib/secretsd.aot",
                "/usr/lib/systemd/system/secretsd.service", "/usr/lib/systemd/system/secretsd.socket",
                "/usr/lib/systemd/user/secretsd.service", "/usr/share/doc/secretsd/examples/manifest.json",
                "/usr/share/doc/secretsd/copyright", "/usr/share/doc/secretsd/changelog.gz",
                "/usr/share/man/man8/secretsd.8.gz", "/usr/share/man/man1/secretsctl.1.gz")) {
            assertTrue(files.contains(f), f + " not in the package: " + files);
        }
        // enabled on install: the socket; the service waits for a manifest
        assertTrue(Files.isSymbolicLink(Path.of("/etc/systemd/system/sockets.target.wants/secretsd.socket")));
        assertFalse(Files.exists(Path.of("/etc/systemd/system/sysinit.target.wants/secretsd.service")));
    }

    @Test
    @Order(2)
    void runsFromUsrBinWithoutAJdk() {
        assertNotEquals(0, noJdk("java", "-version").exit(), "the JDKs are hidden");
        Proc.Result v = noJdk("secretsctl", "--version");
        assertEquals(0, v.exit(), v.toString());
        String debVersion = Proc.run("dpkg-query", "-W", "-f", "${Version}", "secretsd").out().strip();
        assertEquals("secretsd " + debVersion.replace("~", "-"), v.out().strip());
        Proc.Result demo = noJdk("secretsd", "demo", "--once");
        assertEquals(0, demo.exit(), demo + "\n" + demo.out());
        assertTrue(demo.out().contains("Tour done (--once)"), demo.out());
    }

    @Test
    @Order(3)
    void sopsInstallSecretsChecksTheExampleManifest() {
        Proc.Result r = noJdk("/usr/lib/secretsd/bin/sops-install-secrets", "-check-mode=manifest",
                "/usr/share/doc/secretsd/examples/manifest.json");
        assertEquals(0, r.exit(), r.toString());
        Proc.Result bad = noJdk("/usr/lib/secretsd/bin/sops-install-secrets", "-check-mode", "nonsense",
                "/usr/share/doc/secretsd/examples/manifest.json");
        assertEquals(2, bad.exit(), bad.toString());
    }

    @Test
    @Order(4)
    void sopsInstallSecretsInstallsIntoARamfs() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("host"));
        Path manifest = root.resolve("manifest.json");
        Files.writeString(manifest, """
                {"ageKeyFile":"%1$s","ageSshKeyPaths":[],"gnupgHome":null,"keepGenerations":1,
                 "logging":{"keyImport":true,"secretChanges":true},"placeholderBySecretName":{},
                 "secrets":[{"format":"yaml","gid":0,"group":null,"key":"test_key","mode":"0400","name":"test_key",
                   "neededForUsers":false,"owner":null,"path":"%2$s/secrets/test_key","reloadUnits":[],"restartUnits":[],
                   "sopsFile":"%3$s","sopsFileHash":"","uid":0}],
                 "secretsMountPoint":"%2$s/secrets.d","sshKeyPaths":[],"symlinkPath":"%2$s/secrets","templates":[],
                 "useTmpfs":false,"userMode":false}
                """.formatted(Vectors.sopsNix("age-keys.txt"), root, Vectors.sopsNix("secrets.yaml")));
        Proc.Result r = NoJdk.shell(root, "\"$1\" \"$2\" && stat -f -c %T secrets.d && cat secrets/test_key",
                "/usr/lib/secretsd/bin/sops-install-secrets", manifest.toString());
        assertEquals(0, r.exit(), r + "\n" + r.out());
        // the vectors' README gives the plaintext: test_key: test_value
        assertEquals(List.of("ramfs", "test_value"), r.out().lines().filter(l -> !l.contains(":")).toList(), r.out());
    }

    @Test
    @Order(5)
    void unitsPassSystemdAnalyzeVerify() {
        Proc.Result r = Proc.run("systemd-analyze", "verify", "/usr/lib/systemd/system/secretsd.service",
                "/usr/lib/systemd/system/secretsd.socket");
        assertEquals(0, r.exit(), r + "\n" + r.out());
        Proc.Result user = Proc.run("systemd-analyze", "verify", "/usr/lib/systemd/user/secretsd.service");
        assertEquals(0, user.exit(), user + "\n" + user.out());
    }

    @Test
    @Order(6)
    void lintianFindsNoError() throws IOException {
        Proc.Result r = Proc.run(Proc.require("lintian"), "--allow-root", "--no-tag-display-limit", deb().toString());
        List<String> errors = r.out().lines().filter(l -> l.startsWith("E:")).toList();
        assertEquals(List.of(), errors, r.out() + r.stderr());
        // warnings are listed for the closing note
        r.out().lines().filter(l -> l.startsWith("W:")).forEach(System.out::println);
    }

    @Test
    @Order(7)
    void aManifestEnablesTheService() throws Exception {
        Files.createDirectories(MANIFEST.getParent());
        madeManifest = true;
        Files.copy(Path.of("/usr/share/doc/secretsd/examples/manifest.json"), MANIFEST);
        // what dpkg runs on configure (an upgrade, or a reinstall once the admin has written a manifest)
        Proc.Result r = Proc.run(null, java.util.Map.of("DPKG_MAINTSCRIPT_PACKAGE", "secretsd", "DPKG_MAINTSCRIPT_NAME", "postinst"),
                List.of("/var/lib/dpkg/info/secretsd.postinst", "configure"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isSymbolicLink(Path.of("/etc/systemd/system/sysinit.target.wants/secretsd.service")));
    }

    @Test
    @Order(8)
    void removeThenPurgeLeaveNothing() throws Exception {
        if (!Files.isDirectory(RUN_SECRETS)) {
            Files.createDirectories(RUN_SECRETS);
            madeRunSecrets = true;
        }
        Files.writeString(MARKER, "not the package's");
        Files.createDirectories(STATE);
        Files.writeString(STATE.resolve("state"), "the daemon's");

        Proc.Result rm = dpkg("-r", "secretsd");
        assertEquals(0, rm.exit(), rm.toString());
        assertEquals("config-files", status());
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isDirectory(p) || f.startsWith("/usr/lib/secretsd") || f.startsWith("/usr/share/doc/secretsd")) {
                assertFalse(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), f + " left after dpkg -r");
            }
        }
        Proc.Result purge = dpkg("-P", "secretsd");
        assertEquals(0, purge.exit(), purge.toString());
        installed = false;
        assertEquals("not-installed", status().isEmpty() ? "not-installed" : status());
        assertFalse(Files.exists(STATE), STATE + " left after purge");
        Proc.Result left = Proc.run("sh", "-c", "find /etc/systemd /var/lib/systemd /usr/lib/systemd -name '*secretsd*'; ls -d /usr/lib/secretsd /usr/share/doc/secretsd 2>/dev/null; true");
        assertEquals("", left.out(), "left after purge");
        assertTrue(Files.exists(MARKER), "purge must never touch /run/secrets");
        assertTrue(Files.exists(MANIFEST), "purge must leave the admin's manifest");
    }
}
