package io.secretsd.cli;

import io.secretsd.activation.Options;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SopsSecrets;
import io.secretsd.platform.Platform;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code sops-install-secrets [-check-mode=manifest|sopsfile|off] [-ignore-passwd] MANIFEST}: sops-nix's
 * command, by name and flag syntax (Go's), so sops-nix's {@code sops.package} can point at secretsd. It does
 * what {@code secretsd activate} does. Unlike the Go program, a wrong number of arguments exits 2, not 0.
 */
public final class SopsInstallSecrets {
    static final String USAGE = """
            Usage: sops-install-secrets [OPTION] manifest.json
              -check-mode string
                \tValidate configuration without installing it (possible values: "manifest","sopsfile","off") (default "off")
              -ignore-passwd
                \tDon't look up anything in /etc/passwd. Causes everything to be owned by root:root or the user executing the tool in user mode
            """;

    private SopsInstallSecrets() {}

    public static void main(String[] args) {
        ShortRun.prepare();
        ShortRun.exit(run(new SopsSecrets(), Options.fromEnvironment(Platform.current(), System.getenv()), System.out, System.err,
                args));
    }

    static int run(SecretSourceFactory sources, Options base, PrintStream out, PrintStream err, String... args) {
        GoFlags f;
        try {
            f = GoFlags.parse(Set.of("check-mode"), Set.of("ignore-passwd"), List.of(args));
        } catch (GoFlags.Refused e) {
            if (e.help) {
                out.print(USAGE);
                return Cli.OK;
            }
            err.println(e.getMessage());
            err.print(USAGE);
            return Cli.USAGE;
        }
        if (f.arguments().size() != 1) {
            err.print(USAGE);
            return Cli.USAGE;
        }
        List<String> activate = new ArrayList<>();
        activate.add("--check-mode=" + f.flags().getOrDefault("check-mode", "off"));
        if (f.flags().getOrDefault("ignore-passwd", "false").equals("true")) activate.add("--ignore-passwd");
        activate.add("--");
        activate.add(f.arguments().getFirst());
        return ActivateCommand.main(sources, base, out, err, activate.toArray(String[]::new));
    }
}
