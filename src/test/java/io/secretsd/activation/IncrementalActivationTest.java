package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

    /** The daemon's way: the switch without the prune, then {@link Activation#prune} once the secrets are in place. */
    @Test
    void aRenderThatPrunesLaterLeavesExactlyTheFilesOfAFullOneAndThePruneLeavesOneGeneration() throws Exception {
        Set<String> full = tree(host.mp.resolve("1"));
        host.options = host.options.withPruneLater(true);
        host.source.put(tmp + "/secrets.bin", "", "changed\n");

        ActivationResult r = run(Set.of("test3"), Set.of());

        assertEquals(List.of(), r.errors());
        assertEquals(full, tree(host.mp.resolve("2")), "the same entries as a full activation, no more, no fewer");
        assertEquals("changed\n", host.read("test3"));
        assertEquals(Set.of("1", "2"), generations(), "the previous generation stays until the prune");

        assertEquals(List.of(), Activation.prune(m, host.options));

        assertEquals(Set.of("2"), generations(), "keepGenerations 1: only the current one");
        assertEquals(full, tree(host.link));
        assertEquals("changed\n", host.read("test3"));
        assertEquals("test_value", host.read("test"));
        assertEquals(List.of(), Activation.prune(m, host.options), "nothing left to prune");
        assertEquals(Set.of("2"), generations());
    }

    @Test
    void aFailedRenderThatPrunesLaterKeepsTheLastGoodGeneration() throws Exception {
        host.options = host.options.withPruneLater(true);
        host.source.put(tmp + "/secrets.bin", "", "changed\n");
        assertEquals(List.of(), run(Set.of("test3"), Set.of()).errors());
        Activation.prune(m, host.options);
        host.options = host.options.withHook(step -> {
            if (step == Step.GENERATION_WRITTEN) {
                throw new IllegalStateException("died after writing generation 3");
            }
        });
        host.source.put(tmp + "/secrets.bin", "", "third\n");
        try {
            run(Set.of("test3"), Set.of());
        } catch (IllegalStateException expected) {
            // the process "died" here
        }
        host.options = host.options.withHook(StepHook.NONE);

        assertEquals("changed\n", host.read("test3"), "the last good generation stays current");
        assertEquals(Optional.of(2), host.currentGeneration());
        assertEquals(List.of(), Activation.prune(m, host.options));
        assertEquals(Set.of("2"), generations());
        ActivationResult r = run(Set.of("test3"), Set.of());
        assertEquals(List.of(), r.errors());
        assertEquals("third\n", host.read("test3"));
        assertTrue(hidden().isEmpty(), "the half-built generation is removed: " + hidden());
    }

    @Test
    void pruningNeverFollowsALinkPlantedInAnOldGeneration() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside/dir"));
        Files.writeString(outside.resolve("keep"), "not ours");
        Files.createSymbolicLink(host.mp.resolve("1/planted"), outside);
        Files.createSymbolicLink(host.mp.resolve("1/nested/planted"), outside.resolve("keep"));
        host.options = host.options.withPruneLater(true);

        assertEquals(List.of(), run(Set.of(), Set.of()).errors());
        assertEquals(List.of(), Activation.prune(m, host.options));

        assertEquals(Set.of("2"), generations());
        assertEquals("not ours", Files.readString(outside.resolve("keep")));
    }

    /** The daemon's options: prune later, and recycle the predecessor into a spare. */
    private void daemonOptions() {
        host.options = host.options.withPruneLater(true).withSpare(Optional.of(new SpareGeneration()));
    }

    private void change(String value) throws IOException {
        host.source.put(tmp + "/secrets.bin", "", value);
        ActivationResult r = run(Set.of("test3"), Set.of());
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), Activation.prune(m, host.options));
    }

    @Test
    void aChangeIsBuiltInTheSpareWhichKeepsNoOldPlaintext() throws Exception {
        Set<String> full = tree(host.mp.resolve("1"));
        daemonOptions();

        change("second\n");
        assertEquals(Set.of("2"), generations());
        assertEquals(1, hidden().size(), "generation 1 became the spare: " + hidden());
        Path spare = host.mp.resolve(hidden().iterator().next());
        assertTrue(spare.getFileName().toString().startsWith(".gen-spare-"), spare.toString());
        assertFalse(holds(host.mp, "binary_value\n"), "the old value of test3 is gone from the mount point");
        assertEquals(inode("test"), ActivationTest.inode(spare.resolve("test")), "the spare links the current files");
        long test = inode("test");

        assertTrue(builtIn(spare, "third\n"), "generation 3 is built in the spare");
        assertFalse(Files.exists(spare), "and renamed to 3");
        assertEquals(Set.of("3"), generations());
        assertEquals(full, tree(host.link), "built in the spare: exactly the files of a full activation");
        assertEquals("third\n", host.read("test3"));
        assertEquals("test_value", host.read("test"));
        assertEquals(test, inode("test"), "carried over, never rewritten");
        assertEquals(0400, ActivationTest.mode(host.link.resolve("test")));
        assertFalse(holds(host.mp, "second\n"), "the value of generation 2 is gone once 3 is current");
        assertEquals(Files.readString(tmp.resolve("existing-file")), "test_value");

        change("fourth\n");
        assertEquals(Set.of("4"), generations());
        assertEquals(full, tree(host.link));
        assertEquals("fourth\n", host.read("test3"));
        assertEquals(1, hidden().size(), hidden().toString());
    }

    @Test
    void aSpareWithAnEntryAddedOrRemovedIsNotUsed() throws Exception {
        Set<String> full = tree(host.mp.resolve("1"));
        daemonOptions();
        change("second\n");
        Path spare = host.mp.resolve(hidden().iterator().next());
        Files.createSymbolicLink(spare.resolve("nested/planted"), tmp.resolve("secrets.yaml"));
        Files.delete(spare.resolve("test2"));

        assertFalse(builtIn(spare, "third\n"));

        assertEquals(full, tree(host.link));
        assertFalse(Files.exists(host.link.resolve("nested/planted"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("test_value", host.read("test2"));
        assertFalse(Files.exists(spare), "a spare that does not fit is deleted");
    }

    @Test
    void aFullActivationDropsTheSpareAndPrunesItsPredecessor() throws Exception {
        Set<String> full = tree(host.mp.resolve("1"));
        daemonOptions();
        change("second\n");
        Path spare = host.mp.resolve(hidden().iterator().next());

        assertEquals(List.of(), Activation.run(m, host.options, host.source, Scope.ALL).errors());
        assertFalse(Files.exists(spare));
        assertEquals(List.of(), Activation.prune(m, host.options));

        assertEquals(Set.of("3"), generations());
        assertEquals(Set.of(), hidden());
        assertEquals(full, tree(host.link));
    }

    @Test
    void aCrashWhileBuildingInTheSpareKeepsTheLastGoodGenerationAndARestartCleansUp() throws Exception {
        Set<String> full = tree(host.mp.resolve("1"));
        daemonOptions();
        change("second\n");
        Options daemon = host.options;
        host.options = daemon.withHook(step -> {
            if (step == Step.GENERATION_WRITTEN) {
                throw new IllegalStateException("died after writing generation 3");
            }
        });
        host.source.put(tmp + "/secrets.bin", "", "third\n");
        try {
            run(Set.of("test3"), Set.of());
        } catch (IllegalStateException expected) {
            // the process "died" here
        }

        assertEquals(Optional.of(2), host.currentGeneration());
        assertEquals("second\n", host.read("test3"));
        assertEquals(full, tree(host.link));

        host.options = daemon.withHook(StepHook.NONE).withSpare(Optional.of(new SpareGeneration())); // a new daemon
        change("fourth\n");
        assertEquals("fourth\n", host.read("test3"));
        assertEquals(full, tree(host.link));
        assertEquals(1, hidden().size(), "only the new daemon's spare: " + hidden());
        assertFalse(holds(host.mp, "third\n"));
    }

    /** Changes test3 to value; whether the generation was written in the spare at {@code dir}. */
    private boolean builtIn(Path dir, String value) throws IOException {
        Options before = host.options;
        boolean[] there = new boolean[1];
        host.options = before.withHook(step -> {
            if (step == Step.GENERATION_WRITTEN) {
                there[0] = Files.isRegularFile(dir.resolve("test3")) && Files.isRegularFile(dir.resolve("test"));
            }
        });
        change(value);
        host.options = before;
        return there[0];
    }

    /** Whether any regular file under dir holds exactly this text. */
    private static boolean holds(Path dir, String text) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.readString(p).equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<String> generations() throws IOException {
        try (var s = Files.list(host.mp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+")).collect(Collectors.toSet());
        }
    }

    private Set<String> hidden() throws IOException {
        try (var s = Files.list(host.mp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".gen-")).collect(Collectors.toSet());
        }
    }

    /** The relative paths of the regular files under dir (through dir itself when it is the symlink). */
    private static Set<String> tree(Path dir) throws IOException {
        Path real = dir.toRealPath();
        try (var s = Files.walk(real)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> real.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theScopeAllDecryptsEverything() {
        int yaml = decrypts("secrets.yaml");
        assertEquals(List.of(), Activation.run(m, host.options, host.source, Scope.ALL).errors());
        assertEquals(yaml + 1, decrypts("secrets.yaml"));
        assertNotEquals(0, decrypts("secrets.ini"));
    }
}
