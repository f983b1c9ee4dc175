package io.secretsd.cli;

import io.secretsd.control.ControlClient;
import io.secretsd.control.ControlEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code secretsctl events}: one line per change or failure, as they happen, until interrupted. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Follow the running secretsd's changes and failures, one line each.")
public final class EventsCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient c = ControlClient.connect(control.socket())) {
            c.events(e -> {
                out.println(line(e));
                out.flush();
            });
        }
        return Cli.OK;
    }

    static String line(ControlEvent e) {
        return switch (e) {
            case ControlEvent.Changed c -> c.time() + " " + lower(c.change()) + " " + lower(c.kind()) + " " + c.name()
                    + " " + c.path() + " (generation " + c.generation() + ")";
            case ControlEvent.Failed f -> f.time() + " failed " + (f.kind() == null ? "" : lower(f.kind()) + " ")
                    + f.name() + ": " + f.error();
            case ControlEvent.Warning w -> w.time() + " warning " + w.name() + ": " + w.warning();
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
