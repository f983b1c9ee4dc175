package io.secretsd.activation;

import io.secretsd.manifest.Entry;
import io.secretsd.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code activate --dry-run} would do, one line per step: the generation, every secret and template with
 * its path, mode and owner and whether it is new, changed or unchanged, the links, and any regular file a link
 * would replace. Printed on a first activation as after a change, so the whole plan is always visible.
 */
final class DryRunPlan {
    private DryRunPlan() {}

    static List<String> lines(Manifest m, Plan plan, List<Outcome> outcomes, Generations gens, Path link, Switch sw)
            throws IOException {
        List<String> out = new ArrayList<>();
        Path mp = Path.of(m.secretsMountPoint()).toAbsolutePath().normalize();
        int n = java.nio.file.Files.isDirectory(mp) ? gens.next() : 1;
        String fs = m.userMode() ? "a directory" : m.useTmpfs() ? "a tmpfs" : "a ramfs";
        out.add("would write generation " + n + " to " + mp.resolve(String.valueOf(n)) + " (on " + fs + " at " + mp
                + ") and point " + link + " at it");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Entry e = plan.files().get(i).entry();
            String what = (o.template() ? "template " : "secret ") + o.name() + ": " + link.resolve(o.relPath())
                    + " (mode " + String.format("%04o", e.mode()) + ", owner " + e.owner().orElse(String.valueOf(e.uid()))
                    + ", group " + e.group().orElse(String.valueOf(e.gid())) + ")";
            out.add(switch (o.status()) {
                case KEPT_PREVIOUS -> "would keep the previous content of " + what + ": it fails";
                case ABSENT -> "would leave out " + what + ": it fails";
                default -> switch (o.change()) {
                    case ADDED -> "would add " + what;
                    case MODIFIED -> "would modify " + what;
                    case NONE -> "would keep unchanged " + what;
                };
            });
        }
        for (Switch.Link l : sw.wanted(outcomes, plan)) {
            out.add("would link " + l.path() + " -> " + l.target());
            String warning = Switch.replacedFile(l, true);
            if (warning != null) out.add(warning);
        }
        return out;
    }
}
