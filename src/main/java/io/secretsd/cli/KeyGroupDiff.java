package io.secretsd.cli;

import io.secretsd.sops.KeyGroup;
import io.secretsd.sops.MasterKey;
import io.secretsd.sops.config.KeySpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code updatekeys} and {@code rotate} change in a file's key groups, printed as sops prints it: per
 * group the keys kept, {@code +++} those added and {@code ---} those removed, and the Shamir threshold.
 */
record KeyGroupDiff(List<Group> groups, int oldThreshold, int newThreshold) {
    record Group(List<String> common, List<String> added, List<String> removed) {}

    static KeyGroupDiff of(List<KeyGroup> ours, List<List<KeySpec>> theirs, int oldThreshold, int newThreshold) {
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
            Set<String> old = new LinkedHashSet<>();
            if (i < ours.size()) for (MasterKey k : ours.get(i).keys()) old.add(k.id());
            Set<String> now = new LinkedHashSet<>();
            if (i < theirs.size()) for (KeySpec k : theirs.get(i)) now.add(k.id());
            List<String> common = new ArrayList<>(), added = new ArrayList<>(), removed = new ArrayList<>();
            for (String k : now) (old.contains(k) ? common : added).add(k);
            for (String k : old) if (!now.contains(k)) removed.add(k);
            out.add(new Group(common, added, removed));
        }
        return new KeyGroupDiff(out, oldThreshold, newThreshold);
    }

    boolean changes() {
        return oldThreshold != newThreshold || groups.stream().anyMatch(g -> !g.added().isEmpty() || !g.removed().isEmpty());
    }

    void print(PrintStream out) {
        out.println("The following changes will be made to the file's groups:");
        if (oldThreshold > 0 && oldThreshold == newThreshold) {
            out.println("shamir_threshold: " + newThreshold);
        } else {
            if (newThreshold > 0) out.println("+++ shamir_threshold: " + newThreshold);
            if (oldThreshold > 0) out.println("--- shamir_threshold: " + oldThreshold);
        }
        for (int i = 0; i < groups.size(); i++) {
            out.println("Group " + (i + 1));
            for (String k : groups.get(i).common()) out.println("    " + k);
            for (String k : groups.get(i).added()) out.println("+++ " + k);
            for (String k : groups.get(i).removed()) out.println("--- " + k);
        }
    }
}
