package io.secretsd.bench;

import io.secretsd.age.Age;
import io.secretsd.age.Identity;
import io.secretsd.age.Stanza;
import io.secretsd.age.X25519Identity;
import io.secretsd.ssh.SshAge;
import io.secretsd.ssh.SshEd25519Recipient;
import io.secretsd.ssh.SshPrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** File-key unwraps per second: X25519 and ssh-ed25519 stanzas (run with src/bench/jmh.sh AgeUnwrapBench). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgeUnwrapBench {
    private final byte[] fileKey = new byte[16];
    private X25519Identity x25519;
    private List<Stanza> x25519Stanzas;
    private Identity sshEd25519;
    private List<Stanza> sshStanzas;
    private byte[] smallFile;

    @Setup
    public void setup() throws Exception {
        x25519 = X25519Identity.generate();
        x25519Stanzas = x25519.recipient().wrap(fileKey);
        Path key = Path.of(System.getProperty("secretsd.vectors", "src/test/resources/vectors"), "sops-nix", "ssh-ed25519-key");
        byte[] pem = Files.readAllBytes(key);
        SshPrivateKey.Ed25519 ed = (SshPrivateKey.Ed25519) SshPrivateKey.parse(pem);
        sshStanzas = new SshEd25519Recipient(ed.publicKey()).wrap(fileKey);
        sshEd25519 = SshAge.identity(ed);
        smallFile = Age.encrypt(new byte[100], List.of(x25519.recipient()));
    }

    @Benchmark
    public byte[] x25519Unwrap() throws Exception {
        return x25519.unwrap(x25519Stanzas);
    }

    @Benchmark
    public byte[] sshEd25519Unwrap() throws Exception {
        return sshEd25519.unwrap(sshStanzas);
    }

    @Benchmark
    public byte[] decryptSmallFile() throws Exception {
        return Age.decrypt(smallFile, List.of(x25519));
    }
}
