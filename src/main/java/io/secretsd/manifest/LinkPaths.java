package io.secretsd.manifest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code path} links may go. A link is placed with root's rights, so two entries must not claim the same
 * path (the second would silently replace the first), and no link may land inside {@code symlinkPath} or the
 * mount point other than at the entry's own file: there it would replace another entry's file in the
 * generation (a reader of {@code b} would get {@code a}'s value).
 */
final class LinkPaths {
    private LinkPaths() {
    }

    /** Adds a problem for each entry whose path collides with another's or lies inside the generation. */
    static void check(List<Secret> secrets, List<Template> templates, String symlinkPath, String mountPoint,
                      List<Problem> problems) {
        Map<Path, String> owners = new HashMap<>();
        for (int i = 0; i < secrets.size(); i++) {
            Secret s = secrets.get(i);
            check("secrets[" + i + "]", s.path(), symlinkPath + "/" + s.name(), symlinkPath, mountPoint, owners,
                    problems);
        }
        for (int i = 0; i < templates.size(); i++) {
            Template t = templates.get(i);
            check("templates[" + i + "]", t.path(), symlinkPath + "/" + ManifestReader.RENDERED + "/" + t.name(),
                    symlinkPath, mountPoint, owners, problems);
        }
    }

    private static void check(String where, String path, String own, String symlinkPath, String mountPoint,
                              Map<Path, String> owners, List<Problem> problems) {
        if (path.indexOf('\0') >= 0) {
            return; // already reported
        }
        Path p = Path.of(path).normalize();
        if (!p.equals(Path.of(own).normalize())) {
            for (String inside : List.of(symlinkPath, mountPoint)) {
                if (p.startsWith(Path.of(inside).normalize())) {
                    problems.add(new Problem(where + ".path", Node.quote(path) + " lies inside " + Node.quote(inside)
                            + " but is not this entry's own file there; the link would replace another file"));
                    return;
                }
            }
        }
        String before = owners.putIfAbsent(p, where);
        if (before != null) {
            problems.add(new Problem(where + ".path", Node.quote(path) + " is also the path of " + before));
        }
    }
}
