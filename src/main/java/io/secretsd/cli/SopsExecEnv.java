package io.secretsd.cli;

import io.secretsd.sops.Mapping;
import io.secretsd.sops.Null;
import io.secretsd.sops.Scalar;
import io.secretsd.sops.ScalarType;
import io.secretsd.sops.Sops;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sops exec-env FILE COMMAND}: COMMAND run by {@code /bin/sh -c} with the file's top-level values as
 * environment variables, on top of this environment or ({@code --pristine}) alone. The plaintext never
 * touches a file; the command's exit status is ours.
 */
@Command(name = "exec-env", mixinStandardHelpOptions = true, description = "Run COMMAND (with /bin/sh -c) with the decrypted top-level values in its environment.")
final class SopsExecEnv implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Mixin
    ExecOptions exec;

    @Option(names = "--pristine", description = "only the decrypted values, none of this environment")
    boolean pristine;


    @Override
    public Integer call() throws Exception {
        exec.checkArgs();
        SopsTarget t = SopsTarget.of(exec.file(), sops, false);
        RunAs runAs = exec.runAs();
        ProcessBuilder pb = ExecRun.shell(exec.command(), runAs);
        Map<String, String> env = pb.environment();
        if (pristine) {
            env.clear();
            if (runAs != null) runAs.environment(env);
        }
        try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), exec.ignoreMac)) {
            if (!d.document().branches().isEmpty()) {
                for (Mapping.Field f : d.document().branches().getFirst().fields()) {
                    if (!(f.value() instanceof Scalar || f.value() instanceof Null)) {
                        throw new IOException(t.name() + ": cannot use complex value in environment; offending key " + f.key());
                    }
                    if (f.key().contains("=")) throw new IOException(t.name() + ": cannot use keys with '=' in environment: " + f.key());
                    env.put(f.key(), text(f.value()));
                }
            }
        }
        Process p = ExecRun.start(pb, runAs, exec.background);
        return exec.background ? 0 : ExecRun.waitFor(p);
    }

    /** A value as sops puts it in the environment: strings as they are, booleans lower case. */
    static String text(io.secretsd.sops.Value v) {
        if (v instanceof Scalar s) return s.type() == ScalarType.BOOL ? (s.boolValue() ? "true" : "false") : s.text();
        return "";
    }
}
