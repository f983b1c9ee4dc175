package io.secretsd.cli;

import io.secretsd.control.ControlClient;
import io.secretsd.control.EntryStatus;
import io.secretsd.control.Json;
import io.secretsd.control.StatusSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code secretsctl status}: what the running daemon installed and what failed. Exit status 0 when
 * all is well, 3 when a secret or template (or the last activation) failed, 1 when the daemon
 * cannot be asked.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the secrets and templates the running secretsd installed, and what failed.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all installed", "1:secretsd could not be asked", "3:a secret, template or activation failed"})
public final class StatusCommand implements Callable<Integer> {
    static final int FAILED_ENTRIES = 3;

    @Mixin
    ControlOptions control;

    @Option(names = "--json", description = "Print GetStatus's reply as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getOut(), control.socket(), json);
    }

    /** Asks the daemon at {@code socket} and prints its answer: a table, or GetStatus's reply as JSON. */
    static int run(PrintWriter out, Path socket, boolean json) throws IOException {
        StatusSnapshot status;
        try (ControlClient c = ControlClient.connect(socket)) {
            if (json) {
                Map<String, Object> params = c.statusJson();
                out.println(Json.write(params));
                out.flush();
                return healthy(params) ? Cli.OK : FAILED_ENTRIES;
            }
            status = c.status();
        }
        print(out, status, Instant.now());
        out.flush();
        return status.healthy() ? Cli.OK : FAILED_ENTRIES;
    }

    private static boolean healthy(Map<String, Object> params) {
        if (params.get("daemon") instanceof Map<?, ?> d && "failed".equals(d.get("lastOutcome"))) return false;
        if (params.get("entries") instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Map<?, ?> m && "failed".equals(m.get("state"))) return false;
            }
        }
        return true;
    }

    static void print(PrintWriter out, StatusSnapshot s, Instant now) {
        StringBuilder head = new StringBuilder("secretsd ").append(s.version())
                .append(", up ").append(duration(Duration.between(s.startedAt(), now)))
                .append(", generation ").append(s.generation());
        if (s.lastActivation() != null) {
            head.append(", last activation ").append(s.lastActivation()).append(' ')
                    .append(s.lastOutcome().name().toLowerCase(Locale.ROOT));
        } else {
            head.append(", not activated yet");
        }
        out.println(head);
        if (s.lastError() != null) out.println("last activation failed: " + s.lastError());
        if (s.entries().isEmpty()) return;
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "KIND", "STATE", "MODE", "OWNER:GROUP", "PATH", "CHANGED", "SOURCE"});
        for (EntryStatus e : s.entries()) {
            rows.add(new String[] {e.name(), lower(e.kind()),
                    e.state() == EntryStatus.State.FAILED ? "FAILED" : lower(e.state()),
                    e.modeString(), e.owner() + ":" + e.group(), e.path(),
                    e.lastChange() == null ? "-" : duration(Duration.between(e.lastChange(), now)) + " ago",
                    e.sourceFile()});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) b.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(b);
        }
        boolean first = true;
        for (EntryStatus e : s.entries()) {
            if (e.error() == null) continue;
            if (first) out.println();
            first = false;
            out.println(e.name() + ": " + e.error());
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + (s % 60) + "s";
        if (s < 86400) return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }
}
