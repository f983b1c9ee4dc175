package io.secretsd.cli;

import io.secretsd.activation.Placeholders;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code secretsctl placeholder NAME...}: the placeholder sops-nix gives a secret, for writing templates
 * and placeholderBySecretName by hand.
 */
@Command(name = "placeholder", mixinStandardHelpOptions = true,
        description = "Print sops-nix's template placeholder of each secret NAME: <SOPS:sha256(NAME):PLACEHOLDER>.")
public final class PlaceholderCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "a secret's name (its attribute name in Nix)")
    List<String> names;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        names.forEach(n -> out.println(Placeholders.of(n)));
        out.flush();
        return Cli.OK;
    }
}
