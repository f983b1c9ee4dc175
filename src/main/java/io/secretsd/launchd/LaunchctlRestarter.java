package io.secretsd.launchd;

import io.secretsd.systemd.UnitAction;
import io.secretsd.systemd.UnitNotifier;
import io.secretsd.systemd.UnitResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * launchd's counterpart of the D-Bus restarts: {@code launchctl kickstart -k <domain>/<label>} restarts a
 * job (killing it first when running), {@code launchctl kill SIGHUP <domain>/<label>} asks it to reload, as
 * launchd has no reload of its own. Units here are launchd labels; the domain is "system" for
 * LaunchDaemons and "gui/<uid>" for a user's LaunchAgents.
 */
public final class LaunchctlRestarter implements UnitNotifier {

    public static final Path DEFAULT_LAUNCHCTL = Path.of("/bin/launchctl");

    private static final Logger LOG = LoggerFactory.getLogger(LaunchctlRestarter.class);
    // launchd labels are reverse-DNS names; anything else (a '/', a leading '-') would address another
    // domain or read as an option.
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]*");

    private final Path launchctl;
    private final String domain;
    private final Duration timeout;

    public LaunchctlRestarter(Path launchctl, String domain, Duration timeout) {
        this.launchctl = launchctl;
        this.domain = domain;
        this.timeout = timeout;
    }

    /** /bin/launchctl in the system domain, as the LaunchDaemon runs. */
    public static LaunchctlRestarter system() {
        return new LaunchctlRestarter(DEFAULT_LAUNCHCTL, "system", Duration.ofSeconds(30));
    }

    /**
     * The launchctl on {@code env}'s PATH, addressing the jobs of the domain this process runs in: "system"
     * for root (a LaunchDaemon restarts daemons), "gui/<uid>" for a user (a LaunchAgent restarts that user's
     * agents in the login session).
     */
    public static LaunchctlRestarter forUid(Map<String, String> env, long uid) {
        return new LaunchctlRestarter(findLaunchctl(env), domainFor(uid), Duration.ofSeconds(30));
    }

    /** {@link #forUid} for this process's own uid. */
    public static LaunchctlRestarter forThisUser(Map<String, String> env) {
        return forUid(env, new com.sun.security.auth.module.UnixSystem().getUid());
    }

    /** "system" or "gui/<uid>". */
    public String domain() {
        return domain;
    }

    static String domainFor(long uid) {
        return uid == 0 ? "system" : "gui/" + uid;
    }

    /** The first launchctl on the PATH of {@code env}, else /bin/launchctl. */
    public static Path findLaunchctl(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "launchctl"))) {
                return Path.of(dir, "launchctl");
            }
        }
        return DEFAULT_LAUNCHCTL;
    }

    @Override
    public List<UnitResult> apply(Set<String> restart, Set<String> reload) {
        List<UnitResult> results = new ArrayList<>();
        for (Map.Entry<String, UnitAction> u : UnitNotifier.plan(restart, reload).entrySet()) {
            UnitResult r = run(u.getKey(), u.getValue());
            if (r.ok()) {
                LOG.info("{}", r);
            } else {
                LOG.warn("{}", r);
            }
            results.add(r);
        }
        return List.copyOf(results);
    }

    private UnitResult run(String label, UnitAction action) {
        if (!LABEL.matcher(label).matches()) {
            return new UnitResult(label, action, UnitResult.CALL_FAILED, "not a launchd label");
        }
        String target = domain + "/" + label;
        List<String> cmd = switch (action) {
            case RESTART -> List.of(launchctl.toString(), "kickstart", "-k", target);
            case RELOAD -> List.of(launchctl.toString(), "kill", "SIGHUP", target);
        };
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new UnitResult(label, action, UnitResult.CALL_FAILED, "cannot run " + launchctl + ": " + e.getMessage());
        }
        try (InputStream out = p.getInputStream()) {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new UnitResult(label, action, UnitResult.NO_RESULT, String.join(" ", cmd) + " did not finish within " + timeout);
            }
            String output = new String(out.readNBytes(4096), StandardCharsets.UTF_8).strip();
            int status = p.exitValue();
            if (status == 0) {
                return new UnitResult(label, action, UnitResult.DONE, "");
            }
            String firstLine = output.lines().findFirst().orElse("");
            return new UnitResult(label, action, "failed",
                    String.join(" ", cmd.subList(1, cmd.size())) + " exited " + status + (firstLine.isEmpty() ? "" : ": " + firstLine));
        } catch (IOException e) {
            return new UnitResult(label, action, UnitResult.NO_RESULT, e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new UnitResult(label, action, UnitResult.NO_RESULT, "interrupted");
        }
    }

    @Override
    public void close() {}
}
