package io.secretsd.activation;

import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: {@code java -cp ... io.secretsd.activation.ActivationBench DIR} times activation of a host with 100
 * sops files, 1,000 secrets and 50 templates, decryption faked, on a plain directory: the cost of everything
 * but the cryptography.
 */
public final class ActivationBench {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        FakeSource src = new FakeSource();
        StringBuilder secrets = new StringBuilder();
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String file = dir + "/f" + (i % 100) + ".yaml";
            src.put(file, "k" + i, "value-" + i + "-" + "x".repeat(40));
            if (i > 0) {
                secrets.append(',');
                placeholders.append(',');
            }
            secrets.append("{\"name\":\"svc").append(i % 50).append("/s").append(i).append("\",\"key\":\"k").append(i)
                    .append("\",\"sopsFile\":\"").append(file).append("\",\"owner\":\"nobody\",\"mode\":\"0440\"}");
            placeholders.append("\"svc").append(i % 50).append("/s").append(i).append("\":\"")
                    .append(Placeholders.of("svc" + (i % 50) + "/s" + i)).append('"');
        }
        StringBuilder templates = new StringBuilder();
        for (int t = 0; t < 50; t++) {
            if (t > 0) {
                templates.append(',');
            }
            templates.append("{\"name\":\"t").append(t).append("\",\"content\":\"a=")
                    .append(Placeholders.of("svc" + t + "/s" + t)).append("\\nb=")
                    .append(Placeholders.of("svc" + t + "/s" + (t + 50))).append("\\n\"}");
        }
        String json = "{\"secrets\":[" + secrets + "],\"templates\":[" + templates + "],\"placeholderBySecretName\":{"
                + placeholders + "},\"secretsMountPoint\":\"" + dir + "/secrets.d\",\"symlinkPath\":\"" + dir
                + "/secrets\"}";
        Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(dir);
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            Manifest m = ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "bench");
            long t1 = System.nanoTime();
            if (round % 2 == 1) {
                src.put(dir + "/f7.yaml", "k7", "changed-" + round);
            }
            ActivationResult r = Activation.run(m, o, src);
            long t2 = System.nanoTime();
            System.out.printf("round %d: manifest %.1f ms, activation %.1f ms (%.1f µs/secret), exit %d, gen %d%n",
                    round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t1) / 1e3 / 1050, r.exitStatus(), r.generation());
        }
    }
}
