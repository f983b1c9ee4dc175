package io.secretsd.activation;

import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pretend host in a temporary directory: mount point, symlink, /run/nixos, and a manifest built in text. */
final class Host {
    static final String PH = Placeholders.of("test");

    final Path root;
    final Path mp;
    final Path link;
    final Path nixos;
    final FakeSource source = new FakeSource();
    final List<String> systemctl = new ArrayList<>();
    Options options;

    Host(Path root) throws IOException {
        this.root = root;
        this.mp = root.resolve("secrets.d");
        this.link = root.resolve("secrets");
        this.nixos = root.resolve("nixos");
        Files.createDirectories(nixos);
        options = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of())
                .withMounter(Mounter.NONE)
                .withNixosRunDir(nixos)
                .withCommands(argv -> {
                    systemctl.add(String.join(" ", argv));
                    return 0;
                });
    }

    /** The five secrets of sops-install-secrets' testGPG, and the test_default template of nixos-test.nix. */
    static final String FIVE = """
            {"name":"test","key":"test_key","sopsFile":"ROOT/secrets.yaml","format":"yaml","owner":"nobody",
             "group":"nogroup","mode":"0400","path":"ROOT/test-link","restartUnits":["a.service"],"reloadUnits":[]},
            {"name":"test2","key":"test_key","sopsFile":"ROOT/secrets.json","format":"json","owner":"root",
             "group":"root","mode":"0700"},
            {"name":"test3","key":"","sopsFile":"ROOT/secrets.bin","format":"binary"},
            {"name":"test4","key":"","sopsFile":"ROOT/secrets.env","format":"dotenv"},
            {"name":"test5","key":"","sopsFile":"ROOT/secrets.ini","format":"ini"},
            {"name":"nested/test/file","key":"nested/test/file","sopsFile":"ROOT/secrets.yaml","format":"yaml"},
            {"name":"existing-file","key":"test_key","sopsFile":"ROOT/secrets.yaml","path":"ROOT/existing-file"}""";

    static final String TEMPLATE = """
            {"name":"test_default","content":"Test value: PH\\n","file":"","path":"ROOT/etc/externally/linked",
             "restartUnits":["t.service"],"reloadUnits":["r.service"]}""";

    void fillSources() {
        source.put(root + "/secrets.yaml", "test_key", "test_value")
                .put(root + "/secrets.yaml", "nested/test/file", "another value")
                .put(root + "/secrets.json", "test_key", "test_value")
                .put(root + "/secrets.bin", "", "binary_value\n")
                .put(root + "/secrets.env", "", "hello=Welcome to SOPS!\nexample_key=example_value\n")
                .put(root + "/secrets.ini", "", "[Welcome!]\nhello = Welcome to SOPS!\n");
    }

    String json(String secrets, String templates, String extra) {
        String ph = templates.isEmpty() ? "{}" : "{\"test\":\"" + PH + "\"}";
        return ("{\"secrets\":[" + secrets + "],\"templates\":[" + templates + "],\"placeholderBySecretName\":" + ph
                + ",\"secretsMountPoint\":\"ROOT/secrets.d\",\"symlinkPath\":\"ROOT/secrets\""
                + (extra.isEmpty() ? "" : "," + extra) + "}")
                .replace("ROOT", root.toString()).replace("PH", PH);
    }

    Manifest manifest(String secrets, String templates, String extra) throws IOException {
        return ManifestReader.parse(json(secrets, templates, extra).getBytes(StandardCharsets.UTF_8), "test");
    }

    ActivationResult run(Manifest m) {
        return Activation.run(m, options, source);
    }

    ActivationResult run(String secrets, String templates, String extra) throws IOException {
        return run(manifest(secrets, templates, extra));
    }

    ActivationResult check(Manifest m, CheckMode mode) {
        return Activation.run(m, options.withCheckMode(mode), source);
    }

    String read(String rel) throws IOException {
        return Files.readString(link.resolve(rel), StandardCharsets.UTF_8);
    }

    Optional<Integer> currentGeneration() throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(Files.readSymbolicLink(link).getFileName().toString()));
    }
}
