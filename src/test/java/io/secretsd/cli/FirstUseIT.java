package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets first, through the packaged launchers: the demos' key files are 0600 under a 022 umask,
 * {@code activate --dry-run} shows the whole plan on a first activation, a user's own file at a secret's path is
 * replaced with a warning naming it, and {@code decrypt} of an unknown extension says what it assumed.
 */
class FirstUseIT {
    @TempDir
    Path tmp;

    @Test
    void demoKeysAreWrittenPrivate() throws IOException {
        Path t1 = Files.createDirectory(tmp.resolve("t1"));
        Proc.Result r = Proc.run(null, Map.of("SECRETSD_JAVA_OPTS", "-Djava.io.tmpdir=" + t1),
                List.of("sh", "-c", "umask 022; exec \"$0\" demo --once --keep", Proc.dist("secretsd")));
        assertEquals(0, r.exit(), r.toString());
        Path t2 = Files.createDirectory(tmp.resolve("t2"));
        Proc.Result c = Proc.run(null, Map.of("SECRETSD_JAVA_OPTS", "-Djava.io.tmpdir=" + t2),
                List.of("sh", "-c", "umask 022; exec \"$0\" demo --quiet --keep", Proc.dist("secretsctl")));
        assertEquals(0, c.exit(), c.toString());
        for (Path key : List.of(find(t1, "ssh_host_ed25519_key"), find(t2, "host.key"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key, LinkOption.NOFOLLOW_LINKS)),
                    key.toString());
        }
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
        }
    }

    @Test
    void dryRunPlanAndAReplacedRegularFile() throws IOException {
        Path own = tmp.resolve("home/.docker/config.json");
        Files.createDirectories(own.getParent());
        Files.writeString(own, "{\"auths\":{}}");
        Path m = tmp.resolve("manifest.json");
        Files.writeString(m, """
                {"secrets":[{"name":"docker","key":"test_key","sopsFile":"%s","path":"%s"}],
                 "ageKeyFile":"%s","secretsMountPoint":"%s/secrets.d","symlinkPath":"%s/secrets","userMode":true}
                """.formatted(Vectors.sopsNix("secrets.yaml"), own, Vectors.sopsNix("age-keys.txt"), tmp, tmp));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.toString());
        Proc.Result dry = Proc.run(null, env, List.of(Proc.dist("secretsd"), "activate", "--dry-run", m.toString()));
        assertEquals(0, dry.exit(), dry.toString());
        assertEquals(List.of("would add secret: docker",
                "would write generation 1 to " + tmp + "/secrets.d/1 (on a directory at " + tmp + "/secrets.d) and point "
                        + tmp + "/secrets at it",
                "would add secret docker: " + tmp + "/secrets/docker (mode 0400, owner 0, group 0)",
                "would link " + own + " -> " + tmp + "/secrets/docker",
                own + ": would replace this regular file with a link to " + tmp + "/secrets/docker (secret docker);"
                        + " its former content is not kept"), dry.out().lines().toList());
        assertEquals("{\"auths\":{}}", Files.readString(own));

        Proc.Result real = Proc.run(null, env, List.of(Proc.dist("secretsd"), "activate", m.toString()));
        assertEquals(0, real.exit(), real.toString());
        assertEquals("secretsd: " + own + ": replacing this regular file with a link to " + tmp
                + "/secrets/docker (secret docker); its former content is not kept\n", real.stderr());
        assertEquals("test_value", Files.readString(own));
    }

    @Test
    void decryptOfAnUnknownExtensionSaysWhatItAssumed() throws IOException {
        Path f = tmp.resolve("secrets.sops");
        Files.copy(Vectors.sopsNix("secrets.yaml"), f);
        Proc.Result r = Proc.run(Proc.dist("secretsctl"), "decrypt", "--age-key-file",
                Vectors.sopsNix("age-keys.txt").toString(), f.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("secretsctl: " + f + ": not a sops binary file: the name has no .yaml, .json, .env or .ini extension,"
                + " so the binary format (sops JSON) was assumed; it looks like YAML: give --input-type yaml\n", r.stderr());
        Proc.Result ok = Proc.run(Proc.dist("secretsctl"), "decrypt", "--input-type", "yaml", "--key", "test_key",
                "--age-key-file", Vectors.sopsNix("age-keys.txt").toString(), f.toString());
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("test_value", ok.out());
    }
}
