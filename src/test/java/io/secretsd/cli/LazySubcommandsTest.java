package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class LazySubcommandsTest {
    /** Arguments that print usage, versions or errors only: none of them runs a command's work. */
    static Stream<Arguments> helpAndErrors() {
        List<String> ctl = List.of("", "-h", "--help", "-V", "--version", "-V --version", "-hV", "bogus", "--bogus",
                "statu", "set -h", "rotate --bogus", "edit -h", "status -h", "status --help", "status --bogus", "-h status", "-V status", "age", "age -h",
                "age -V", "age bogus", "age decrypt -h", "age decrypt --bogus x y", "decrypt -h", "check --help",
                "ssh-to-age -h", "-- status", "status extra");
        List<String> d = List.of("", "-h", "--version", "run -h", "activate --help", "demo -h", "bogus", "run --bogus");
        return Stream.concat(ctl.stream().map(a -> Arguments.of("secretsctl", a)),
                d.stream().map(a -> Arguments.of("secretsd", a)));
    }

    @ParameterizedTest
    @MethodSource("helpAndErrors")
    void printsWhatTheWholeTreePrints(String tool, String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        List<Subcommand> subs = subcommands(tool);
        CommandLine lazy = new CommandLine(top(tool));
        LazySubcommands.register(lazy, subs, args, 0);
        CommandLine whole = new CommandLine(top(tool));
        LazySubcommands.register(whole, subs, new String[0], 0);
        assertEquals(run(whole, args), run(lazy, args), tool + " " + line);
    }

    @Test
    void buildsOnlyTheInvokedBranch() {
        CommandLine cl = new CommandLine(Secretsctl.spec());
        LazySubcommands.register(cl, Secretsctl.SUBCOMMANDS, new String[] {"age", "decrypt", "-i", "k", "status"}, 0);
        assertEquals(List.of("age"), List.copyOf(cl.getSubcommands().keySet()));
        assertEquals(List.of("decrypt"), List.copyOf(cl.getSubcommands().get("age").getSubcommands().keySet()));
        CommandLine v = new CommandLine(Secretsctl.spec());
        LazySubcommands.register(v, Secretsctl.SUBCOMMANDS, new String[] {"--version"}, 0);
        assertTrue(v.getSubcommands().isEmpty());
    }

    @Test
    void namesMatchTheCommandsOwn() {
        for (String tool : List.of("secretsctl", "secretsd")) {
            CommandLine cl = new CommandLine(top(tool));
            LazySubcommands.register(cl, subcommands(tool), new String[0], 0);
            check(cl, subcommands(tool));
        }
    }

    private static void check(CommandLine parent, List<Subcommand> subs) {
        for (Subcommand s : subs) {
            CommandLine c = parent.getSubcommands().get(s.name());
            assertEquals(s.name(), c.getCommandSpec().userObject().getClass().getAnnotation(CommandLine.Command.class).name());
            check(c, s.children());
        }
    }

    private static Object top(String tool) {
        return tool.equals("secretsd") ? Secretsd.spec() : Secretsctl.spec();
    }

    private static List<Subcommand> subcommands(String tool) {
        return tool.equals("secretsd") ? Secretsd.SUBCOMMANDS : Secretsctl.SUBCOMMANDS;
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cl.execute(args);
        return code + "\n" + out + "\n--\n" + err;
    }
}
