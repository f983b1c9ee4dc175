package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, defect 1: two real processes activating one manifest together, {@code secretsd activate} and the
 * {@code sops-install-secrets} entry point (both must take the mount point's lock), on a real ramfs in a private
 * mount namespace. Before the mount lock both built {@code .gen-N} for the same N and one's
 * cleanup deleted the other's files: the link then pointed at a generation missing whole directories.
 */
class ConcurrentActivateIT {
    static final int SECRETS = 300;
    static final int ROUNDS = 4;

    @TempDir
    static Path dir;

    @BeforeAll
    static void root() {
        Proc.require("unshare");
        assertEquals("0", Proc.run("id", "-u").out().strip(), "the activation tests run as root (CI does)");
    }

    /** SECRETS secrets, each in its own directory, from the sops-nix vectors (one sops file, decrypted once). */
    static String manifest(Path root) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < SECRETS; i++) {
            s.append(i == 0 ? "" : ",").append("""
                    {"name":"d%1$d/s","key":"test_key","sopsFile":"%2$s","mode":"0400"}""".formatted(i,
                    Vectors.sopsNix("secrets.yaml")));
        }
        return """
                {"ageKeyFile":"%s","keepGenerations":1,"logging":{"keyImport":false,"secretChanges":false},"secrets":[%s],
                 "secretsMountPoint":"%3$s/secrets.d","symlinkPath":"%3$s/secrets"}"""
                .formatted(Vectors.sopsNix("age-keys.txt"), s, root);
    }

    @Test
    void twoActivationsAtOnceBothInstallAWholeGeneration() throws IOException {
        Path root = dir.resolve("host");
        Files.createDirectories(root);
        Path m = root.resolve("manifest.json");
        Files.writeString(m, manifest(root));
        // each round: two activations at once, then what the link points at and how many secrets it holds
        Proc.Result r = Proc.run(null, Map.of("SECRETSD", Proc.dist("secretsd"), "SIS", Proc.dist("sops-install-secrets"), "M", m.toString(), "R", root.toString(),
                        "ROUNDS", Integer.toString(ROUNDS)),
                List.of("unshare", "-m", "--propagation", "private", "sh", "-c", """
                        set -u
                        i=0
                        while [ $i -lt $ROUNDS ]; do
                          i=$((i+1))
                          "$SECRETSD" activate "$M" 2>"$R/err-a-$i" & a=$!
                          "$SIS" "$M" 2>"$R/err-b-$i" & b=$!
                          wait $a; ea=$?; wait $b; eb=$?
                          gen=$(readlink "$R/secrets")
                          n=$(find "$R/secrets/" -type f 2>/dev/null | wc -l)
                          echo "round=$i exits=$ea,$eb link=$(basename "$gen") files=$n entries=$(ls -A "$R/secrets.d" | tr '\\n' ' ')"
                        done
                        """));
        assertEquals(0, r.exit(), r.toString());
        List<String> broken = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            if (!line.contains("exits=0,0 ") || !line.contains(" files=" + SECRETS + " ")) {
                broken.add(line);
            }
        }
        assertTrue(broken.isEmpty(), "rounds with a failed run or an incomplete generation:\n" + String.join("\n", broken)
                + "\nall:\n" + r.out() + stderr(root));
        // both runs of a round installed a generation of their own: 2 per round, numbered in order
        assertTrue(r.out().contains("round=" + ROUNDS + " exits=0,0 link=" + 2 * ROUNDS + " "), r.out());
    }

    private static String stderr(Path root) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("err-")).sorted().toList()) {
                b.append(p.getFileName()).append(": ").append(Files.readString(p));
            }
        }
        return b.toString();
    }
}
