package io.secretsd.cli;

import io.secretsd.activation.Activation;
import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Options;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SopsSecrets;
import io.secretsd.activation.UserDb;
import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.InvalidManifestException;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestException;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.manifest.Problem;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import io.secretsd.manifest.UnknownFields;
import io.secretsd.platform.Platform;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code secretsctl check MANIFEST}: the manifest's schema, then every sops file parsed and every key looked
 * up without decrypting ({@code --check-mode=sopsfile}), reported one problem per line. Unknown fields and
 * owners or groups this host lacks are warnings (they do not change the exit status). Exit 0 or 1; 2 on
 * bad usage.
 */
@Command(name = "check", description = "Check a sops-nix manifest and its sops files without decrypting.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "the sops-nix manifest (JSON or YAML)")
    Path manifest;

    private final SecretSourceFactory sources;
    private final Options base;
    private final PrintStream out;
    private final PrintStream err;

    /** For picocli as a subcommand: the sops adapter, the process environment, stdout and stderr. */
    public CheckCommand() {
        this(new SopsSecrets(), Options.fromEnvironment(Platform.current(), System.getenv()), System.out, System.err);
    }

    public CheckCommand(SecretSourceFactory sources, Options base, PrintStream out, PrintStream err) {
        this.sources = sources;
        this.base = base;
        this.out = out;
        this.err = err;
    }

    public static int main(SecretSourceFactory sources, Options base, PrintStream out, PrintStream err,
                           String... args) {
        CommandLine cl = new CommandLine(new CheckCommand(sources, base, out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Manifest m;
        List<String> warnings = new ArrayList<>();
        try {
            byte[] bytes = ManifestReader.readBytes(manifest);
            m = ManifestReader.parse(bytes, manifest.toString());
            UnknownFields.of(bytes, manifest.toString()).forEach(p -> warnings.add(p.toString()));
        } catch (InvalidManifestException e) {
            for (Problem p : e.problems()) {
                err.println("secretsctl: " + e.source() + ": " + p);
            }
            err.println("secretsctl: " + e.source() + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
            return 1;
        } catch (ManifestException e) {
            err.println("secretsctl: " + e.getMessage());
            return 1;
        }
        if (!m.userMode()) warnings.addAll(missingAccounts(m, base.userDb()));
        for (String w : warnings) {
            err.println(manifest + ": warning: " + w);
        }
        ActivationResult r = Activation.run(m, base.withCheckMode(CheckMode.SOPSFILE), sources);
        for (String e : r.errors()) {
            err.println("secretsctl: " + (e.startsWith("/") ? e : manifest + ": " + e));
        }
        long files = m.secrets().stream().map(Secret::sopsFile).distinct().count();
        String summary = m.secrets().size() + " secret" + (m.secrets().size() == 1 ? "" : "s") + " in " + files
                + " sops file" + (files == 1 ? "" : "s") + ", " + m.templates().size() + " template"
                + (m.templates().size() == 1 ? "" : "s")
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"));
        if (r.exitStatus() == 0) {
            out.println(manifest + ": ok (" + summary + ")");
        } else {
            err.println("secretsctl: " + manifest + ": " + r.errors().size() + " problem" + (r.errors().size() == 1 ? "" : "s")
                    + " (" + summary + ")");
        }
        return r.exitStatus();
    }

    /** Owners and groups that this host does not know: installing would fail for those entries here. */
    static List<String> missingAccounts(Manifest m, UserDb db) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < m.secrets().size(); i++) {
            Secret s = m.secrets().get(i);
            account(out, "secrets[" + i + "]", s.owner(), s.group(), db);
        }
        for (int i = 0; i < m.templates().size(); i++) {
            Template t = m.templates().get(i);
            account(out, "templates[" + i + "]", t.owner(), t.group(), db);
        }
        return List.copyOf(out);
    }

    private static void account(Set<String> out, String at, Optional<String> owner, Optional<String> group, UserDb db) {
        owner.filter(o -> db.uid(o).isEmpty()).ifPresent(o -> out.add(at + ".owner: no user " + o + " on this host"));
        group.filter(g -> db.gid(g).isEmpty()).ifPresent(g -> out.add(at + ".group: no group " + g + " on this host"));
    }
}
