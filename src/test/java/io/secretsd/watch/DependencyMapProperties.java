package io.secretsd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** DependencyMap against a naive fixpoint over random graphs (cycles included). */
class DependencyMapProperties {

    private static final Path MANIFEST = Path.of("/etc/secretsd/manifest.json");
    private static final List<Path> POOL = List.of(
            Path.of("/secrets/a.yaml"), Path.of("/secrets/b.yaml"), Path.of("/secrets/c.json"),
            Path.of("/templates/t1.tmpl"), Path.of("/templates/t2.tmpl"),
            Path.of("/keys/age.txt"), Path.of("/etc/ssh/ssh_host_ed25519_key"), Path.of("/root/.gnupg/key"));
    private static final Path UNRELATED = Path.of("/var/log/unrelated");

    record Case(DependencyMap<String> map, Set<Path> changed) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(0, 15);
        return sizes.flatMap(n -> {
            Arbitrary<Set<Path>> files = Arbitraries.of(POOL).set().ofMaxSize(3);
            Arbitrary<Set<Integer>> uses = n == 0
                    ? Arbitraries.just(Set.of())
                    : Arbitraries.integers().between(0, n - 1).set().ofMaxSize(3);
            Arbitrary<List<Set<Path>>> allFiles = files.list().ofSize(n);
            Arbitrary<List<Set<Integer>>> allUses = uses.list().ofSize(n);
            Arbitrary<Set<Path>> changed = Arbitraries.of(concat(POOL, List.of(MANIFEST, UNRELATED)))
                    .set().ofMaxSize(4);
            Arbitrary<Boolean> withManifest = Arbitraries.of(true, false);
            return Combinators.combine(allFiles, allUses, changed, withManifest).as((fs, us, ch, wm) -> {
                DependencyMap.Builder<String> b = DependencyMap.builder();
                for (int i = 0; i < n; i++) {
                    List<String> used = us.get(i).stream().map(j -> "e" + j).toList();
                    b.entry("e" + i, fs.get(i), used);
                }
                if (wm) {
                    b.global(MANIFEST);
                }
                return new Case(b.build(), ch);
            });
        });
    }

    @Property
    void affectedIsTheFixpointOfFilesAndUses(@ForAll("cases") Case c) {
        assertEquals(reference(c.map(), c.changed()), c.map().affected(c.changed()));
    }

    @Property
    void aGlobalChangeAffectsEverything(@ForAll("cases") Case c) {
        Set<Path> changed = new HashSet<>(c.changed());
        changed.addAll(c.map().global());
        if (!c.map().global().isEmpty()) {
            assertEquals(keys(c.map()), c.map().affected(changed));
        }
    }

    @Property
    void affectedDistributesOverUnion(@ForAll("cases") Case c, @ForAll("cases") Case other) {
        Set<Path> a = c.changed();
        Set<Path> b = other.changed();
        Set<Path> both = new HashSet<>(a);
        both.addAll(b);
        Set<String> expected = new HashSet<>(c.map().affected(a));
        expected.addAll(c.map().affected(b));
        assertEquals(expected, new HashSet<>(c.map().affected(both)));
    }

    @Property
    void nothingChangedOrUnknownPathsAffectNothing(@ForAll("cases") Case c) {
        assertTrue(c.map().affected(Set.of()).isEmpty());
        assertTrue(c.map().affected(Set.of(UNRELATED, Path.of("/secrets/unknown.yaml"))).isEmpty());
    }

    @Property
    void everyInputIsWatchedAndEachOneAffectsItsEntries(@ForAll("cases") Case c) {
        Set<Path> watched = c.map().files();
        assertTrue(watched.containsAll(c.map().global()));
        for (DependencyMap.Entry<String> entry : c.map().entries()) {
            assertTrue(watched.containsAll(entry.files()));
            for (Path file : entry.files()) {
                assertTrue(c.map().affected(Set.of(file)).contains(entry.key()), entry + " after " + file);
            }
        }
    }

    @Property
    void relativeAndUnnormalizedPathsMatch(@ForAll("cases") Case c) {
        Set<Path> spelled = new HashSet<>();
        for (Path p : c.changed()) {
            spelled.add(Path.of(p.getParent().toString(), ".", "..", p.getParent().getFileName().toString(),
                    p.getFileName().toString()));
        }
        assertEquals(c.map().affected(c.changed()), c.map().affected(spelled));
    }

    /** Naive: repeat until nothing new is reached. */
    private static Set<String> reference(DependencyMap<String> map, Set<Path> changed) {
        for (Path g : map.global()) {
            if (changed.contains(g)) {
                return keys(map);
            }
        }
        Set<String> reached = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (DependencyMap.Entry<String> e : map.entries()) {
                if (reached.contains(e.key())) {
                    continue;
                }
                boolean hit = e.files().stream().anyMatch(changed::contains)
                        || e.uses().stream().anyMatch(reached::contains);
                if (hit) {
                    reached.add(e.key());
                    grew = true;
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (DependencyMap.Entry<String> e : map.entries()) {
            if (reached.contains(e.key())) {
                ordered.add(e.key());
            }
        }
        return ordered;
    }

    private static Set<String> keys(DependencyMap<String> map) {
        Set<String> keys = new LinkedHashSet<>();
        map.entries().forEach(e -> keys.add(e.key()));
        return keys;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
