package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's re-activation after a change: only the scope is decrypted or rendered, the rest carried over. */
class IncrementalActivationTest {
    static final String TEMPLATES = Host.TEMPLATE + """
            ,{"name":"static","content":"no secret here\\n","file":""}""";

    @TempDir
    Path tmp;
    Host host;
    Manifest m;

    @BeforeEach
    void setUp() throws IOException {
        host = new Host(tmp);
        host.fillSources();
        m = host.manifest(Host.FIVE, TEMPLATES, "");
        assertEquals(List.of(), host.run(m).errors());
    }

    private ActivationResult run(Set<String> secrets, Set<String> templates) throws IOException {
        return Activation.run(m, host.options, host.source, Scope.only(secrets, templates, host.currentGeneration().orElseThrow()));
    }

    private int decrypts(String file) {
        var n = host.source.decrypts.get(tmp + "/" + file);
        return n == null ? 0 : n.get();
    }

    private long inode(String rel) throws IOException {
        return ActivationTest.inode(host.link.resolve(rel));
    }

    @Test
    void decryptsOnlyTheChangedFileAndLinksTheRest() throws Exception {
        Map<String, Long> before = Map.of("test", inode("test"), "test2", inode("test2"),
                "rendered/test_default", inode("rendered/test_default"), "rendered/static", inode("rendered/static"));
        int yaml = decrypts("secrets.yaml");
        int json = decrypts("secrets.json");
        host.source.put(tmp + "/secrets.bin", "", "changed\n");

        ActivationResult r = run(Set.of("test3"), Set.of());

        assertEquals(List.of(), r.errors());
        assertEquals(2, r.generation());
        assertEquals("changed\n", host.read("test3"));
        assertEquals(List.of("modifying secret: test3"), r.changeLines());
        assertEquals(yaml, decrypts("secrets.yaml"));
        assertEquals(json, decrypts("secrets.json"));
        for (var e : before.entrySet()) assertEquals(e.getValue(), inode(e.getKey()), e.getKey() + " carried over");
        assertEquals(0400, ActivationTest.mode(host.mp.resolve("2/test")));
        assertEquals("test_value", host.read("test"));
    }

    @Test
    void rendersTheTemplatesOfAChangedSecretOnly() throws Exception {
        long stat = inode("rendered/static");
        host.source.put(tmp + "/secrets.yaml", "test_key", "new_value");

        ActivationResult r = run(Set.of("test", "nested/test/file", "existing-file"), Set.of("test_default"));

        assertEquals(List.of(), r.errors());
        assertEquals("Test value: new_value\n", host.read("rendered/test_default"));
        assertEquals(stat, inode("rendered/static"));
        assertEquals(List.of("modifying secrets: existing-file, test", "modifying rendered secret: test_default"),
                r.changeLines());
        assertEquals("a.service\nt.service\n", Files.readString(host.nixos.resolve("activation-restart-list")));
    }

    @Test
    void aTemplateRenderedAnewReadsCarriedSecretsFromTheCurrentGeneration() throws Exception {
        int yaml = decrypts("secrets.yaml");
        long before = inode("rendered/test_default");

        ActivationResult r = run(Set.of(), Set.of("test_default"));

        assertEquals(List.of(), r.errors());
        assertEquals(yaml, decrypts("secrets.yaml"), "the secret the template uses is carried, not decrypted");
        assertEquals("Test value: test_value\n", host.read("rendered/test_default"));
        assertEquals(before, inode("rendered/test_default"), "same bytes: linked, not rewritten");
    }

    @Test
    void aCarriedFileMissingFromTheCurrentGenerationIsReported() throws Exception {
        Files.delete(host.mp.resolve("1/test2"));

        ActivationResult r = run(Set.of(), Set.of());

        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().getFirst().startsWith(Scope.CARRY_FAILED + "test2 "), r.errors().toString());
    }

    @Test
    void aScopeAgainstAnotherGenerationComputesEverything() throws Exception {
        int yaml = decrypts("secrets.yaml");
        host.source.put(tmp + "/secrets.yaml", "test_key", "new_value");

        ActivationResult r = Activation.run(m, host.options, host.source, Scope.only(Set.of(), Set.of(), 7));

        assertEquals(List.of(), r.errors());
        assertEquals(yaml + 1, decrypts("secrets.yaml"));
        assertEquals("new_value", host.read("test"));
    }

    @Test
    void theScopeAllDecryptsEverything() {
        int yaml = decrypts("secrets.yaml");
        assertEquals(List.of(), Activation.run(m, host.options, host.source, Scope.ALL).errors());
        assertEquals(yaml + 1, decrypts("secrets.yaml"));
        assertNotEquals(0, decrypts("secrets.ini"));
    }
}
