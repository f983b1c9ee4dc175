package io.secretsd.bench;

import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.Format;
import io.secretsd.sops.KeyConfig;
import io.secretsd.sops.Sops;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Warm throughput: whole sops files decrypted per second (20-secret YAML, one age recipient, MAC verified). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SopsDecryptBench {
    private byte[] file;
    private DataKeySource keys;

    @Setup
    public void setup() throws Exception {
        Path keyFile = Path.of(System.getProperty("secretsd.vectors", "src/test/resources/vectors"), "sops-nix", "age-keys.txt");
        String recipient = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring(14);
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 20; i++) yaml.append("secret_").append(i).append(": value-").append(i).append("-").append("x".repeat(24)).append('\n');
        file = Sops.encrypt("bench.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML,
                EncryptOptions.to(List.of(AgeKeyWrapper.of(recipient))));
        keys = new KeyConfig(List.of(keyFile), List.of(), List.of(), List.of(), null, null, Map.of(), null).open();
    }

    @Benchmark
    public byte[] decryptYaml20() throws Exception {
        return Sops.decrypt("bench.yaml", file, Format.YAML, Format.YAML, keys, false);
    }
}
