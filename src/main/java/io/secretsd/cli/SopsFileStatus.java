package io.secretsd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sops filestatus FILE}: {@code {"encrypted":true}} when FILE carries sops metadata, else false. */
@Command(name = "filestatus", mixinStandardHelpOptions = true, description = "Print {\"encrypted\":true} or {\"encrypted\":false} for FILE.")
final class SopsFileStatus implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the file to look at")
    String file;

    @Override
    public Integer call() throws Exception {
        if (SopsTarget.isStdin(file)) throw new SopsExit(SopsExit.NO_FILE, "no file specified");
        SopsTarget t = SopsTarget.of(file, sops, false);
        boolean encrypted = SopsFiles.looksEncrypted(t.read(), t.inputFormat(), t.name());
        System.out.println("{\"encrypted\":" + encrypted + "}");
        return Cli.OK;
    }
}
