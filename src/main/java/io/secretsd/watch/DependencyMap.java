package io.secretsd.watch;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which entries (secrets, templates: any key type the caller uses) a set of changed files affects.
 * An entry depends on input files (its sops file, its template file, the key files that opened it) and
 * on other entries (a template on the secrets it uses); a change reaches an entry through either,
 * transitively. A change to a global file (the manifest) affects every entry.
 *
 * <p>Paths are compared absolute and normalized, as {@link FileWatcher} reports them.
 *
 * @param <K> the entry key, e.g. a record naming a secret or template
 */
public final class DependencyMap<K> {

    /** One entry: the files it is made from and the entries it uses. */
    public record Entry<K>(K key, Set<Path> files, Set<K> uses) {
        public Entry {
            Objects.requireNonNull(key, "key");
            files = normalize(files);
            uses = Set.copyOf(uses);
        }
    }

    private final Map<K, Entry<K>> entries;
    private final Set<Path> global;
    private final Map<Path, Set<K>> byFile = new HashMap<>();
    private final Map<K, Set<K>> usedBy = new HashMap<>();

    /**
     * @throws IllegalArgumentException if two entries share a key or an entry uses an unknown one
     */
    public DependencyMap(Collection<Entry<K>> entries, Collection<Path> global) {
        Map<K, Entry<K>> map = new LinkedHashMap<>();
        for (Entry<K> entry : entries) {
            if (map.putIfAbsent(entry.key(), entry) != null) {
                throw new IllegalArgumentException("two dependency entries for " + entry.key());
            }
        }
        for (Entry<K> entry : map.values()) {
            for (K used : entry.uses()) {
                if (!map.containsKey(used)) {
                    throw new IllegalArgumentException(entry.key() + " uses " + used + ", which is not an entry");
                }
                usedBy.computeIfAbsent(used, k -> new LinkedHashSet<>()).add(entry.key());
            }
            for (Path file : entry.files()) {
                byFile.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(entry.key());
            }
        }
        this.entries = map;
        this.global = normalize(global);
    }

    public static <K> Builder<K> builder() {
        return new Builder<>();
    }

    /** The entries in the order given. */
    public List<Entry<K>> entries() {
        return List.copyOf(entries.values());
    }

    public Set<Path> global() {
        return global;
    }

    /** Every file anything depends on: the set to watch. */
    public Set<Path> files() {
        Set<Path> files = new LinkedHashSet<>(global);
        for (Entry<K> entry : entries.values()) {
            files.addAll(entry.files());
        }
        return files;
    }

    /** The entries to recompute after {@code changed}, in the order the entries were given. */
    public Set<K> affected(Collection<Path> changed) {
        Set<Path> paths = normalize(changed);
        for (Path path : paths) {
            if (global.contains(path)) {
                return new LinkedHashSet<>(entries.keySet());
            }
        }
        Set<K> reached = new HashSet<>();
        Deque<K> work = new ArrayDeque<>();
        for (Path path : paths) {
            for (K key : byFile.getOrDefault(path, Set.of())) {
                if (reached.add(key)) {
                    work.add(key);
                }
            }
        }
        while (!work.isEmpty()) {
            for (K user : usedBy.getOrDefault(work.poll(), Set.of())) {
                if (reached.add(user)) {
                    work.add(user);
                }
            }
        }
        Set<K> ordered = new LinkedHashSet<>();
        for (K key : entries.keySet()) {
            if (reached.contains(key)) {
                ordered.add(key);
            }
        }
        return ordered;
    }

    private static Set<Path> normalize(Collection<Path> paths) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path path : paths) {
            out.add(path.toAbsolutePath().normalize());
        }
        return Collections.unmodifiableSet(out);
    }

    /** Collects entries one by one, e.g. while walking a manifest. */
    public static final class Builder<K> {
        private final List<Entry<K>> entries = new ArrayList<>();
        private final Set<Path> global = new LinkedHashSet<>();

        private Builder() {}

        public Builder<K> entry(K key, Collection<Path> files, Collection<K> uses) {
            entries.add(new Entry<>(key, new LinkedHashSet<>(files), new LinkedHashSet<>(uses)));
            return this;
        }

        public Builder<K> entry(K key, Collection<Path> files) {
            return entry(key, files, List.of());
        }

        public Builder<K> global(Path file) {
            global.add(file);
            return this;
        }

        public DependencyMap<K> build() {
            return new DependencyMap<>(entries, global);
        }
    }
}
