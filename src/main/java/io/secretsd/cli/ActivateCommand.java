package io.secretsd.cli;

import io.secretsd.activation.Activation;
import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Options;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SopsSecrets;
import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.InvalidManifestException;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestException;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.manifest.Problem;
import io.secretsd.platform.Platform;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secretsd activate [--check-mode=M] [--ignore-passwd] [--dry-run] MANIFEST}: sops-install-secrets'
 * command line (its single-dash {@code -check-mode=} and {@code -ignore-passwd} are accepted too). Exit 0 when
 * everything is installed, 1 on any failure, 2 on bad usage.
 */
@Command(name = "activate", description = "Install the secrets of a sops-nix manifest (sops-install-secrets).")
public final class ActivateCommand implements Callable<Integer> {
    @Option(names = {"--check-mode", "-check-mode"}, paramLabel = "MODE", defaultValue = "off",
            description = "manifest, sopsfile or off (default): validate only, or install")
    String checkMode;

    @Option(names = {"--ignore-passwd", "-ignore-passwd"}, description = "own everything by root, look up no user")
    boolean ignorePasswd;

    @Option(names = "--dry-run", description = "report what would change, write nothing")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "the sops-nix manifest (JSON or YAML)")
    Path manifest;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final SecretSourceFactory sources;
    private final Options base;
    private final PrintStream out;
    private final PrintStream err;

    /** For picocli as a subcommand: the sops adapter, the process environment, stdout and stderr. */
    public ActivateCommand() {
        this(new SopsSecrets(), System.getenv(), System.out, System.err);
    }

    public ActivateCommand(SecretSourceFactory sources, Map<String, String> env, PrintStream out, PrintStream err) {
        this(sources, Options.fromEnvironment(Platform.current(), env), out, err);
    }

    public ActivateCommand(SecretSourceFactory sources, Options base, PrintStream out, PrintStream err) {
        this.sources = sources;
        this.base = base;
        this.out = out;
        this.err = err;
    }

    /** Parses {@code args} and runs; returns the exit status. */
    public static int main(SecretSourceFactory sources, Options base, PrintStream out, PrintStream err,
                           String... args) {
        CommandLine cl = new CommandLine(new ActivateCommand(sources, base, out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        CheckMode mode = CheckMode.of(checkMode).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "invalid value provided for --check-mode: " + checkMode
                + " (expected manifest, sopsfile or off)"));
        Manifest m;
        try {
            m = ManifestReader.read(manifest);
        } catch (InvalidManifestException e) {
            for (Problem p : e.problems()) {
                err.println("secretsd: " + e.source() + ": manifest is not valid: " + p);
            }
            return 1;
        } catch (ManifestException e) {
            err.println("secretsd: " + e.getMessage());
            return 1;
        }
        Options o = base.withCheckMode(mode).withIgnorePasswd(ignorePasswd || base.ignorePasswd())
                .withDryRun(dryRun || base.dryRun());
        ActivationResult r = Activation.run(m, o, sources);
        r.changeLines().forEach(out::println);
        r.notices().forEach(n -> err.println("secretsd: " + n));
        r.errors().forEach(e -> err.println("secretsd: " + e));
        return r.exitStatus();
    }
}
