package io.secretsd.activation;

import io.secretsd.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Added, modified and removed secrets and rendered templates, against the previous generation; the log lines
 * and units exactly as sops-install-secrets produces them.
 */
record Changes(Set<String> addedSecrets, Set<String> modifiedSecrets, Set<String> removedSecrets,
               Set<String> addedTemplates, Set<String> modifiedTemplates, Set<String> removedTemplates,
               List<String> restartUnits, List<String> reloadUnits) {

    static final Changes NONE = new Changes(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of(),
            List.of());

    static Changes of(Plan plan, List<Outcome> outcomes, Path previous) throws IOException {
        Set<String> as = new TreeSet<>(), ms = new TreeSet<>(), at = new TreeSet<>(), mt = new TreeSet<>();
        Set<String> restart = new LinkedHashSet<>(), reload = new LinkedHashSet<>();
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            PlannedFile f = plan.files().get(i);
            wanted.add(o.relPath());
            if (o.change() == Outcome.Change.NONE) {
                continue;
            }
            boolean added = o.change() == Outcome.Change.ADDED;
            (o.template() ? (added ? at : mt) : (added ? as : ms)).add(o.name());
            restart.addAll(f.entry().restartUnits());
            reload.addAll(f.entry().reloadUnits());
        }
        Set<String> rs = new TreeSet<>(), rt = new TreeSet<>();
        String renderedPrefix = ManifestReader.RENDERED + "/";
        for (String rel : files(previous)) {
            if (wanted.contains(rel)) {
                continue;
            }
            if (rel.startsWith(renderedPrefix)) {
                rt.add(rel.substring(renderedPrefix.length()));
            } else {
                rs.add(rel);
            }
        }
        return new Changes(as, ms, rs, at, mt, rt, List.copyOf(restart), List.copyOf(reload));
    }

    /** The same changes naming no unit (user mode restarts none). */
    Changes withoutUnits() {
        return new Changes(addedSecrets, modifiedSecrets, removedSecrets, addedTemplates, modifiedTemplates,
                removedTemplates, List.of(), List.of());
    }

    /** Relative paths of the regular files under dir, not following links. */
    private static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.add(dir.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** {@code adding secret: a}, {@code modifying secrets: a, b}, ...; {@code would add} etc. when dry. */
    List<String> lines(boolean dry) {
        List<String> out = new ArrayList<>();
        line(out, "secret", addedSecrets, dry ? "would add" : "adding");
        line(out, "secret", modifiedSecrets, dry ? "would modify" : "modifying");
        line(out, "secret", removedSecrets, dry ? "would remove" : "removing");
        line(out, "rendered secret", addedTemplates, dry ? "would add" : "adding");
        line(out, "rendered secret", modifiedTemplates, dry ? "would modify" : "modifying");
        line(out, "rendered secret", removedTemplates, dry ? "would remove" : "removing");
        return out;
    }

    private static void line(List<String> out, String noun, Set<String> names, String verb) {
        if (!names.isEmpty()) {
            out.add(verb + " " + noun + (names.size() == 1 ? "" : "s") + ": " + String.join(", ", names));
        }
    }
}
