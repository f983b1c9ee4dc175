package io.secretsd.daemon;

import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import io.secretsd.watch.DependencyMap;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The files a manifest's entries depend on, as design.md maps them: sops file → its secrets, template file →
 * its template, a template → the secrets it uses, key files and the manifest → everything.
 */
final class Inputs {
    private Inputs() {}

    static DependencyMap<String> of(Path manifestFile, Manifest m) {
        DependencyMap.Builder<String> b = DependencyMap.builder();
        Set<String> secretNames = new HashSet<>();
        for (Secret s : m.secrets()) {
            b.entry("secret:" + s.name(), Set.of(Path.of(s.sopsFile())));
            secretNames.add(s.name());
        }
        for (Template t : m.templates()) {
            Set<Path> files = t.content().isEmpty() ? t.file().map(f -> Set.of(Path.of(f))).orElse(Set.of()) : Set.of();
            // a template may use any secret through its placeholder; re-render it whenever a secret changes
            Set<String> uses = new HashSet<>();
            for (String n : secretNames) uses.add("secret:" + n);
            b.entry("template:" + t.name(), files, uses);
        }
        b.global(manifestFile.toAbsolutePath().normalize());
        m.ageKeyFile().ifPresent(k -> b.global(Path.of(k)));
        m.ageSshKeyPaths().forEach(k -> b.global(Path.of(k)));
        m.sshKeyPaths().forEach(k -> b.global(Path.of(k)));
        return b.build();
    }
}
