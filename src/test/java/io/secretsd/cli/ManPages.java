package io.secretsd.cli;

import java.io.File;
import java.io.IOException;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step, not a test: writes the AsciiDoc man pages of secretsctl, secretsd and every subcommand with
 * picocli's ManPageGenerator (packaging/manpages.sh turns them into man(7) pages in target/dist/share/man).
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        File out = new File(args[0]);
        int status = 0;
        for (CommandLine cl : new CommandLine[] {Secretsctl.commandLine(), Secretsd.commandLine()}) {
            HelpOptions.everywhere(cl);
            status |= ManPageGenerator.generateManPage(out, null, new boolean[0], true, cl.getCommandSpec());
        }
        System.exit(status);
    }
}
