package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.control.SocketDefault;
import io.secretsd.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import picocli.CommandLine;

/**
 * What `secretsd run` receives from the shipped plists, read the way launchd would start them: the
 * LaunchDaemon's ProgramArguments as they are; the LaunchAgent's through the real /bin/sh with the
 * environment launchd gives an agent (HOME, PATH), a stand-in for macOS's getconf and for the secretsd of
 * the user's profile that records its arguments and XDG_RUNTIME_DIR. Then secretsd's own parser reads
 * those arguments and the control socket they lead to is checked.
 */
class LaunchdArgumentsTest {
    private static final Path PLISTS = Path.of(System.getProperty("user.dir"), "launchd");
    private static final String DARWIN_TMP = "/var/folders/zz/zyxw_0000gn/T/";

    @TempDir
    Path home;

    private static List<String> programArguments(Path plist) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) f.newDocumentBuilder().parse(plist.toFile()).getDocumentElement()
                .getElementsByTagName("dict").item(0);
        List<Element> kids = elements(dict);
        for (int i = 0; i < kids.size(); i += 2) {
            if (kids.get(i).getTextContent().equals("ProgramArguments")) {
                return elements(kids.get(i + 1)).stream().map(Node::getTextContent).toList();
            }
        }
        throw new AssertionError(plist + ": no ProgramArguments");
    }

    private static RunCommand parse(List<String> args) {
        CommandLine.ParseResult r = Secretsd.commandLine().parseArgs(args.toArray(String[]::new));
        assertTrue(r.hasSubcommand(), args.toString());
        return (RunCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void theLaunchDaemonNamesAControlSocketMacOsHas() throws Exception {
        List<String> args = programArguments(PLISTS.resolve("io.secretsd.secretsd.plist"));
        assertEquals("/usr/local/bin/secretsd", args.getFirst());
        RunCommand run = parse(args.subList(1, args.size()));
        assertEquals(Path.of("/etc/secretsd/manifest.json"), run.manifest);
        assertEquals(Path.of("/var/run/secretsd/io.secretsd.Manager"), run.socketPath(new SocketDefault(Map.of(), true), false));
    }

    @Test
    void theLaunchAgentRunsInTheUsersTemporaryFolder() throws Exception {
        List<String> args = programArguments(PLISTS.resolve("io.secretsd.agent.plist"));
        assertEquals(List.of("/bin/sh", "-c"), args.subList(0, 2));
        Path bin = Files.createDirectories(home.resolve("stubs"));
        script(bin.resolve("getconf"), "[ \"$1\" = DARWIN_USER_TEMP_DIR ] && echo '" + DARWIN_TMP + "'");
        Path record = home.resolve("args");
        Path secretsd = Files.createDirectories(home.resolve(".nix-profile/bin")).resolve("secretsd");
        script(secretsd, "printf '%s\\n' \"XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR\" \"$@\" > '" + record + "'");

        List<String> cmd = new ArrayList<>(List.of("env", "-i", "HOME=" + home, "PATH=" + bin + ":/usr/bin:/bin:/usr/sbin:/sbin"));
        cmd.addAll(args);
        Proc.Result r = Proc.run(null, Map.of(), cmd);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isDirectory(home.resolve("Library/Logs/secretsd")), "the log folder");

        List<String> got = Files.readAllLines(record);
        String runtime = DARWIN_TMP.substring(0, DARWIN_TMP.length() - 1);
        assertEquals("XDG_RUNTIME_DIR=" + runtime, got.getFirst(), "%r is the per-user temporary folder");
        RunCommand run = parse(got.subList(1, got.size()));
        assertEquals(home.resolve(".config/secretsd/manifest.json"), run.manifest);
        assertNull(run.socket, "the agent leaves the socket to the default secretsctl also uses");
        Map<String, String> env = new LinkedHashMap<>(Map.of("XDG_RUNTIME_DIR", runtime));
        assertEquals(Path.of(runtime, "secretsd/io.secretsd.Manager"), run.socketPath(new SocketDefault(env, false), true));
        assertEquals(Path.of(runtime, "secretsd/io.secretsd.Manager"), new SocketDefault(env, false).forDaemon(true));
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<Element> elements(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }
}
