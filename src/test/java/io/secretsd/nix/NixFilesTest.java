package io.secretsd.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .nix file of the project through Debian's `nix-instantiate --parse` (package nix-bin; .ci/run
 * installs it). nixpkgs cannot be evaluated here, so this is syntax only; the modules are kept small
 * enough to review by reading.
 */
class NixFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    private record Result(int status, String output) {}

    private static Result parse(Path file) throws IOException, InterruptedException {
        String tool = Stream.of("/usr/bin/nix-instantiate", "/bin/nix-instantiate").filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow(() -> new AssertionError("nix-instantiate not found (Debian package nix-bin; see .ci/run)"));
        Process p = new ProcessBuilder(tool, "--parse", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "nix-instantiate hung on " + file);
        return new Result(p.exitValue(), out);
    }

    private static List<Path> nixFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".nix"))
                    .filter(p -> !ROOT.relativize(p).startsWith("target") && !ROOT.relativize(p).startsWith(".git"))
                    .sorted().toList();
        }
    }

    @Test
    void everyNixFileParses() throws Exception {
        List<Path> files = nixFiles();
        assertTrue(files.contains(ROOT.resolve("flake.nix")) && files.size() >= 5, files.toString());
        for (Path f : files) {
            Result r = parse(f);
            assertEquals(0, r.status(), f + ":\n" + r.output());
        }
    }

    @Test
    void aSyntaxErrorFails(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.nix");
        Files.writeString(bad, Files.readString(ROOT.resolve("nix/nixos.nix")).replaceFirst("\\{", "{ x = ;"));
        assertNotEquals(0, parse(bad).status());
    }

    @Test
    void theFlakesModulesExistAndHandSopsNixSecretsdsEntryPoint() throws Exception {
        String flake = Files.readString(ROOT.resolve("flake.nix"));
        Matcher m = Pattern.compile("\\./(nix/[\\w.-]+\\.nix)").matcher(flake);
        int n = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(ROOT.resolve(m.group(1))), m.group(1));
            n++;
        }
        assertEquals(4, n, "package, NixOS, nix-darwin and home-manager modules");
        for (String module : List.of("nix/nixos.nix", "nix/darwin.nix", "nix/home-manager.nix")) {
            String text = Files.readString(ROOT.resolve(module));
            assertTrue(text.contains("sops.package = cfg.package;"), module);
            assertTrue(text.contains("/bin/secretsd") && text.contains("\"run\"") || text.contains("secretsd run --manifest"), module);
        }
        String nixos = Files.readString(ROOT.resolve("nix/nixos.nix"));
        assertTrue(nixos.contains("sops.validationPackage = cfg.package;") && nixos.contains("config.system.build.sops-nix-manifest"), nixos);
        assertTrue(Files.readString(ROOT.resolve("nix/package.nix")).contains("bin/sops-install-secrets"), "the package's comment names the entry point");
    }
}
