package io.secretsd.daemon;

import io.secretsd.activation.Placeholders;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import io.secretsd.watch.DependencyMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a manifest's entries depend on, as design.md maps them: sops file → its secrets, template file →
 * its template, a template → the secrets whose placeholders it holds, key files and the manifest → everything.
 */
final class Inputs {
    static final String SECRET = "secret:";
    static final String TEMPLATE = "template:";

    private Inputs() {}

    static DependencyMap<String> of(Path manifestFile, Manifest m) {
        DependencyMap.Builder<String> b = DependencyMap.builder();
        Map<String, List<String>> secretsByAttribute = new HashMap<>();
        for (Secret s : m.secrets()) {
            b.entry(SECRET + s.name(), Set.of(Path.of(s.sopsFile())));
            secretsByAttribute.computeIfAbsent(s.attributeName(), a -> new ArrayList<>()).add(SECRET + s.name());
        }
        Placeholders.Index placeholders = Placeholders.Index.of(m.placeholderBySecretName());
        for (Template t : m.templates()) {
            Set<Path> files = t.content().isEmpty() ? t.file().map(f -> Set.of(Path.of(f))).orElse(Set.of()) : Set.of();
            Set<String> uses = new HashSet<>();
            Optional<byte[]> text = text(t);
            if (text.isPresent()) {
                // a template uses the secrets whose placeholders it holds; its file changing makes this map anew
                for (String attr : Placeholders.used(text.get(), placeholders)) {
                    uses.addAll(secretsByAttribute.getOrDefault(attr, List.of()));
                }
            } else {
                secretsByAttribute.values().forEach(uses::addAll); // unreadable now: assume it uses every secret
            }
            b.entry(TEMPLATE + t.name(), files, uses);
        }
        b.global(manifestFile.toAbsolutePath().normalize());
        m.ageKeyFile().ifPresent(k -> b.global(Path.of(k)));
        m.ageSshKeyPaths().forEach(k -> b.global(Path.of(k)));
        m.sshKeyPaths().forEach(k -> b.global(Path.of(k)));
        return b.build();
    }

    /** The template's text (not secret: placeholders stand for the values), empty when its file cannot be read. */
    private static Optional<byte[]> text(Template t) {
        if (!t.content().isEmpty() || t.file().isEmpty()) return Optional.of(t.content().getBytes(StandardCharsets.UTF_8));
        try {
            return Optional.of(Files.readAllBytes(Path.of(t.file().get())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names (without prefix) of the keys with {@code prefix}. */
    static Set<String> names(Set<String> keys, String prefix) {
        Set<String> out = new HashSet<>();
        for (String k : keys) {
            if (k.startsWith(prefix)) out.add(k.substring(prefix.length()));
        }
        return out;
    }

    /** Whether a template's file is among {@code paths}: what it uses may have changed. */
    static boolean touchesTemplates(Manifest m, Set<Path> paths) {
        for (Template t : m.templates()) {
            if (t.content().isEmpty() && t.file().isPresent()
                    && paths.contains(Path.of(t.file().get()).toAbsolutePath().normalize())) return true;
        }
        return false;
    }
}
