package io.secretsd.activation;

import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: writes the benchmark host of issue 4 into DIR with the project's own encryption: 100 sops files
 * (YAML, age recipient of the sops-nix test key), 1,000 secrets, 50 templates, and {@code manifest.json}.
 * {@code java -cp ... HostGenerator DIR AGE-KEY-FILE RECIPIENT}
 */
public final class HostGenerator {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        EncryptOptions to = EncryptOptions.to(List.of(AgeKeyWrapper.of(args[2])));
        StringBuilder secrets = new StringBuilder();
        StringBuilder placeholders = new StringBuilder();
        for (int f = 0; f < 100; f++) {
            StringBuilder plain = new StringBuilder();
            for (int k = 0; k < 10; k++) {
                int i = f * 10 + k;
                plain.append("k").append(i).append(": value-").append(i).append("-").append("x".repeat(32)).append('\n');
                String name = "svc" + (i % 50) + "/s" + i;
                if (i > 0) {
                    secrets.append(",\n");
                    placeholders.append(',');
                }
                secrets.append("{\"name\":\"").append(name).append("\",\"key\":\"k").append(i)
                        .append("\",\"sopsFile\":\"").append(dir).append("/f").append(f)
                        .append(".yaml\",\"format\":\"yaml\",\"owner\":\"nobody\",\"group\":\"nogroup\",\"mode\":\"0440\"")
                        .append(",\"restartUnits\":[\"svc").append(i % 50).append(".service\"]}");
                placeholders.append('"').append(name).append("\":\"").append(Placeholders.of(name)).append('"');
            }
            byte[] enc = Sops.encrypt("f" + f + ".yaml", plain.toString().getBytes(StandardCharsets.UTF_8),
                    Format.YAML, Format.YAML, to);
            Files.write(dir.resolve("f" + f + ".yaml"), enc);
        }
        StringBuilder templates = new StringBuilder();
        for (int t = 0; t < 50; t++) {
            if (t > 0) {
                templates.append(",\n");
            }
            templates.append("{\"name\":\"t").append(t).append("\",\"content\":\"a=")
                    .append(Placeholders.of("svc" + t + "/s" + t)).append("\\nb=")
                    .append(Placeholders.of("svc" + t + "/s" + (t + 50))).append("\\n\"}");
        }
        String json = "{\"secrets\":[" + secrets + "],\n\"templates\":[" + templates + "],\n\"placeholderBySecretName\":{"
                + placeholders + "},\"ageKeyFile\":\"" + args[1] + "\",\"secretsMountPoint\":\"" + dir
                + "/secrets.d\",\"symlinkPath\":\"" + dir + "/secrets\",\"keepGenerations\":1}";
        Files.writeString(dir.resolve("manifest.json"), json);
    }
}
