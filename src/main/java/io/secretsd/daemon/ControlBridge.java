package io.secretsd.daemon;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Outcome;
import io.secretsd.control.ControlEvent;
import io.secretsd.control.EntryStatus;
import io.secretsd.control.EventHub;
import io.secretsd.control.StatusPublisher;
import io.secretsd.control.StatusSnapshot;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each activation into the immutable snapshot the control socket serves and the events its
 * subscribers receive. Only names, paths, owners and modes cross over: an outcome carries no value.
 */
public final class ControlBridge implements DaemonListener {
    private final StatusPublisher status;
    private final EventHub events;
    private final String version;
    private final Instant startedAt;
    private final Map<String, Instant> lastChange = new HashMap<>();

    public ControlBridge(StatusPublisher status, EventHub events, String version, Instant startedAt) {
        this.status = status;
        this.events = events;
        this.version = version;
        this.startedAt = startedAt;
    }

    @Override
    public synchronized void activated(Manifest m, ActivationResult r, Instant at, boolean first) {
        Map<String, Outcome> byKey = new HashMap<>();
        for (Outcome o : r.outcomes()) byKey.put(key(o.template(), o.name()), o);
        List<EntryStatus> entries = new ArrayList<>();
        for (Secret s : m.secrets()) {
            String[] og = owners(m, s.path(), s.owner().orElse(String.valueOf(s.uid())), s.group().orElse(String.valueOf(s.gid())));
            entries.add(entry(EntryStatus.Kind.SECRET, s.name(), s.path(), og[0], og[1], s.mode(), s.sopsFile(),
                    byKey.get(key(false, s.name())), r, at));
        }
        for (Template t : m.templates()) {
            String[] og = owners(m, t.path(), t.owner().orElse(String.valueOf(t.uid())), t.group().orElse(String.valueOf(t.gid())));
            entries.add(entry(EntryStatus.Kind.TEMPLATE, t.name(), t.path(), og[0], og[1], t.mode(),
                    t.file().orElse("(inline content)"), byKey.get(key(true, t.name())), r, at));
        }
        StatusSnapshot.Outcome outcome = r.exitStatus() == 0 ? StatusSnapshot.Outcome.OK : StatusSnapshot.Outcome.FAILED;
        String error = r.errors().isEmpty() ? null : r.errors().getFirst() + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : "");
        status.publish(new StatusSnapshot(version, startedAt, r.generation(), at, outcome, error, entries));
    }

    private EntryStatus entry(EntryStatus.Kind kind, String name, String path, String owner, String group, int mode,
                              String source, Outcome o, ActivationResult r, Instant at) {
        String k = key(kind == EntryStatus.Kind.TEMPLATE, name);
        if (o == null) return new EntryStatus(kind, name, path, owner, group, mode, source, EntryStatus.State.PENDING, lastChange.get(k), null);
        if (o.failed()) {
            String cause = o.cause().orElse("failed");
            events.publish(new ControlEvent.Failed(at, kind, name, cause));
            return new EntryStatus(kind, name, path, owner, group, mode, source, EntryStatus.State.FAILED, lastChange.get(k), cause);
        }
        if (o.change() != Outcome.Change.NONE || !lastChange.containsKey(k)) {
            lastChange.put(k, at);
            if (o.change() != Outcome.Change.NONE) {
                ControlEvent.Change c = o.change() == Outcome.Change.ADDED ? ControlEvent.Change.ADDED : ControlEvent.Change.MODIFIED;
                events.publish(new ControlEvent.Changed(at, r.generation(), kind, name, path, c));
            }
        }
        return new EntryStatus(kind, name, path, owner, group, mode, source, EntryStatus.State.OK, lastChange.get(k), null);
    }

    /**
     * Owner and group as status shows them. In user mode the manifest's (0:0 by default) mean nothing: the
     * files belong to whoever runs the daemon, so they are read from the installed file.
     */
    private static String[] owners(Manifest m, String path, String owner, String group) {
        if (!m.userMode()) return new String[] {owner, group};
        try {
            PosixFileAttributes a = Files.readAttributes(Path.of(path), PosixFileAttributes.class);
            return new String[] {a.owner().getName(), a.group().getName()};
        } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
            return new String[] {System.getProperty("user.name"), group}; // not installed (yet)
        }
    }

    @Override
    public void warned(String subject, String warning, Instant at) {
        events.publish(new ControlEvent.Warning(at, subject, warning));
    }

    @Override
    public void refused(String reason, Instant at) {
        events.publish(new ControlEvent.Failed(at, null, "manifest", reason));
        StatusSnapshot s = status.current();
        status.publish(new StatusSnapshot(s.version(), s.startedAt(), s.generation(), at, StatusSnapshot.Outcome.FAILED, reason, s.entries()));
    }

    private static String key(boolean template, String name) {
        return (template ? "template:" : "secret:") + name;
    }
}
