package io.secretsd.cli;

import io.secretsd.control.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secretsctl reload}: a full re-activation now, as SIGHUP does; returns when it is done. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running secretsd re-activate every secret and template now (root only).")
public final class ReloadCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        try (ControlClient c = ControlClient.connect(control.socket())) {
            c.reload();
        }
        return Cli.OK;
    }
}
