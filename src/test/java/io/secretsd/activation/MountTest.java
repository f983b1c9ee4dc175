package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ramfs/tmpfs mounts, each scenario in its own mount namespace: the JVM cannot enter one itself, so
 * {@link MountScenario} runs as a child under {@code unshare -m --propagation private}, with umask 077 so that
 * exact modes are not an accident of the umask.
 */
class MountTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsRootAndUnshare() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "true")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "needs unshare -m");
    }

    private List<String> scenario(String name) throws IOException, InterruptedException {
        return scenario(name, "");
    }

    private List<String> scenario(String name, String extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "umask 077; exec \"$0\" -cp \"$1\" io.secretsd.activation.MountScenario \"$2\" \"$3\" \"$4\"",
                java, cp, name, tmp.toString(), extra).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return new ArrayList<>(out.lines().toList());
    }

    private static String get(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElse("<missing " + key + ">");
    }

    @Test
    void ramfsWithExactModesAndTwoGenerations() throws Exception {
        List<String> out = scenario("ramfs");
        assertEquals("0", get(out, "run1.exit"), out.toString());
        assertEquals("1", get(out, "run1.generation"));
        assertEquals("2", get(out, "run2.generation"));
        assertEquals(tmp.resolve("secrets.d/2").toString(), get(out, "run2.link"));
        List<String> mounts = out.stream().filter(l -> l.startsWith("mount=")).toList();
        assertEquals(1, mounts.size(), "mounted once, not again on the second run: " + mounts);
        String mount = mounts.getFirst();
        assertTrue(mount.startsWith("mount=ramfs "), mount);
        for (String opt : List.of("nodev", "nosuid", "noexec")) {
            assertTrue(mount.contains(opt), mount);
        }
        assertEquals("751", get(out, "mode.mp"));
        assertEquals("755", get(out, "mode.linkparent"), "a path's parents under UMask=0077 (issue 9, defect 8)");
        assertEquals("751", get(out, "mode.2"));
        assertEquals("751", get(out, "mode.2/nested"));
        assertEquals("400", get(out, "mode.2/test"));
        assertEquals("700", get(out, "mode.2/test2"));
        assertEquals("400", get(out, "mode.2/rendered/test_default"));
        assertEquals("test_value", get(out, "content.test"));
        assertEquals("Test value: test_value\\n", get(out, "content.template"));
        // the link outside the mount survives the namespace, pointing at the stable symlink path
        assertEquals(tmp.resolve("secrets/test"), Files.readSymbolicLink(tmp.resolve("test-link")));
    }

    /** nixos-test.nix on a real ramfs: the ed25519 host key as age identity, nothing key-related on the mount. */
    @Test
    void sopsNixVectorsOnARealRamfs() throws Exception {
        Path v = io.secretsd.testing.Vectors.sopsNix("secrets.yaml").getParent();
        List<String> out = scenario("vectors", v.toString());
        assertEquals("0", get(out, "run1.exit"), out.toString());
        assertTrue(get(out, "mount").startsWith("ramfs "), out.toString());
        assertEquals("test_value", get(out, "content.test"));
        assertEquals(tmp.resolve("secrets.d/1/test_key").toString(), get(out, "realpath.test"));
        assertEquals("another value", get(out, "content.nested"));
        assertEquals("Test value: test_value\\n", get(out, "content.template"));
        assertEquals("400", get(out, "mode.test"));
        // unlike sops-install-secrets: no age-keys.txt, no gpg home on the secrets mount
        assertEquals(".links-1,1", get(out, "mount.entries"));
    }

    @Test
    void tmpfsWhenAsked() throws Exception {
        List<String> out = scenario("tmpfs");
        assertEquals("0", get(out, "run1.exit"), out.toString());
        String mount = get(out, "mount");
        assertTrue(mount.startsWith("tmpfs "), mount);
        assertTrue(mount.contains("noexec"), mount);
    }

    /**
     * Issue 9, defect 7: a value that fills the tmpfs. Before: the links file failed after the switch, pruning
     * never ran and every later run failed the same way while generations piled up. Now the failed run costs only
     * its own generation, and the next run that fits succeeds and leaves one generation.
     */
    @Test
    void aFullTmpfsCostsOnlyTheNewGenerationAndTheNextRunRecovers() throws Exception {
        List<String> out = scenario("fullLinks");
        assertEquals("0", get(out, "run1.exit"), out.toString());
        assertEquals("1", get(out, "run2.exit"), out.toString());
        assertEquals(tmp.resolve("secrets.d/1").toString(), get(out, "run2.link"), out.toString());
        assertEquals(".links-1,1", get(out, "run2.entries"), out.toString());
        assertEquals("10", get(out, "run2.size.test2")); // "test_value", the previous generation's
        for (String run : List.of("run3", "run4")) {
            assertEquals("0", get(out, run + ".exit"), out.toString());
            String n = get(out, run + ".generation");
            assertEquals(".links-" + n + "," + n, get(out, run + ".entries"), out.toString());
        }
        assertEquals(Long.parseLong(get(out, "free")) - 8192, Long.parseLong(get(out, "run3.size.test2")));
    }

    @Test
    void fullTmpfsFailsOnlyTheSecretThatDoesNotFit() throws Exception {
        List<String> out = scenario("full");
        assertEquals("0", get(out, "run1.exit"), out.toString());
        assertEquals("1", get(out, "run2.exit"), out.toString());
        assertEquals("2", get(out, "run2.generation"), out.toString());
        String error = get(out, "run2.error");
        assertTrue(error.toLowerCase(java.util.Locale.ROOT).contains("test2: cannot write: no space left on device"), error);
        assertEquals("KEPT_PREVIOUS", get(out, "run2.status.test2"));
        assertEquals("fresh", get(out, "content.test"));
        assertEquals("test_value", get(out, "content.test2"));
        assertEquals("test_value", get(out, "content.gen1.test2"));
    }
}
