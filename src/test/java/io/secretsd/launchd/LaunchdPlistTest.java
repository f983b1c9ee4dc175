package io.secretsd.launchd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The plists in launchd/ against Apple's plist DTD with xmllint (Debian package libxml2-utils): a catalog
 * maps the DOCTYPE's public id to the local copy in src/test/resources, so --valid works offline, and
 * --dtdvalid checks against that copy explicitly. Then what launchd itself insists on: the Label is the
 * file name, keys are unique, the program path is absolute.
 */
class LaunchdPlistTest {

    private static final Path PLISTS = Path.of(System.getProperty("user.dir"), "launchd");

    @TempDir
    Path dir;

    private static Path dtd() throws Exception {
        return Path.of(LaunchdPlistTest.class.getResource("/PropertyList-1.0.dtd").toURI());
    }

    private static List<Path> plists() throws IOException {
        try (Stream<Path> s = Files.list(PLISTS)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".plist")).sorted().toList();
            assertTrue(all.size() >= 2, "expected the LaunchDaemon and the LaunchAgent in " + PLISTS);
            return all;
        }
    }

    private record Result(int status, String output) {}

    private Result xmllint(Path plist) throws Exception {
        Path catalog = dir.resolve("catalog.xml");
        String uri = dtd().toUri().toString();
        Files.writeString(catalog, """
                <?xml version="1.0"?>
                <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <public publicId="-//Apple//DTD PLIST 1.0//EN" uri="%s"/>
                  <system systemId="http://www.apple.com/DTDs/PropertyList-1.0.dtd" uri="%s"/>
                </catalog>
                """.formatted(uri, uri));
        String xmllint = Stream.of("/usr/bin/xmllint", "/bin/xmllint").filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow(() -> new AssertionError("xmllint not found (Debian package libxml2-utils; see .ci/run)"));
        ProcessBuilder pb = new ProcessBuilder(xmllint, "--noout", "--nonet", "--valid", "--dtdvalid",
                dtd().toString(), plist.toString()).redirectErrorStream(true);
        pb.environment().put("XML_CATALOG_FILES", catalog.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void everyPlistIsValidAgainstTheDtd() throws Exception {
        for (Path plist : plists()) {
            Result r = xmllint(plist);
            assertEquals(0, r.status(), plist + ": " + r.output());
            assertEquals("", r.output().strip(), plist + ": xmllint warned");
        }
    }

    @Test
    void xmllintCatchesAnInvalidPlist() throws Exception {
        Path bad = dir.resolve("bad.plist");
        Files.writeString(bad, Files.readString(PLISTS.resolve("io.secretsd.secretsd.plist"))
                .replace("<key>RunAtLoad</key>", "<key>RunAtLoad</key><key>Twice</key>"));
        assertNotEquals(0, xmllint(bad).status());
    }

    @Test
    void labelsKeysAndProgramsAreWhatLaunchdNeeds() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path plist : plists()) {
            Element top = (Element) f.newDocumentBuilder().parse(plist.toFile()).getDocumentElement()
                    .getElementsByTagName("dict").item(0);
            List<Element> children = elements(top);
            Set<String> keys = new HashSet<>();
            String label = null;
            String program = null;
            for (int i = 0; i < children.size(); i += 2) {
                String key = children.get(i).getTextContent();
                assertTrue(keys.add(key), plist + ": key " + key + " twice");
                Element value = children.get(i + 1);
                if (key.equals("Label")) {
                    label = value.getTextContent();
                } else if (key.equals("ProgramArguments")) {
                    program = elements(value).getFirst().getTextContent();
                }
            }
            assertEquals(plist.getFileName().toString().replaceFirst("\\.plist$", ""), label, plist + ": Label");
            assertTrue(program != null && program.startsWith("/"), plist + ": ProgramArguments[0] " + program);
            assertTrue(keys.contains("RunAtLoad") && keys.contains("KeepAlive"), plist + ": " + keys);
            assertFalse(keys.contains("Program") && keys.contains("ProgramArguments"), plist + ": Program and ProgramArguments");
        }
    }

    private static List<Element> elements(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
