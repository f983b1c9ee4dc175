package io.secretsd.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import io.secretsd.age.X25519Identity;
import io.secretsd.control.Json;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.pgp.PgpKeyring;
import io.secretsd.pgp.PgpPublicKey;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import io.secretsd.ssh.SshAge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of every parser that reads untrusted bytes. One fuzz test picks the parser
 * from the input's last byte, so one JVM fuzzes them all within the stage's time (an instrumented JVM costs
 * most of a minute to start here). Each parser may return or throw its typed error, an {@link IOException}
 * subclass that names what failed; any other throwable, a hang or an unbounded allocation is a finding.
 *
 * <p>{@code mvn test} replays the committed corpus (src/test/resources/io/secretsd/fuzz/ParsersFuzzTestInputs);
 * {@code mvn verify} also fuzzes for a bounded time (the {@code fuzz} execution in the pom); src/test/fuzz.sh
 * fuzzes for as long as asked. Executions per parser go to target/fuzz-executions.txt.
 */
public class ParsersFuzzTest {
    /** The parsers, in the order of the selector byte. */
    enum Target {
        AGE_FILE, AGE_ARMOR, AGE_IDENTITY_FILE, SSH_PRIVATE_KEY, SSH_PUBLIC_KEY, PGP_SECRET_KEY, PGP_PUBLIC_KEY,
        PGP_MESSAGE, SOPS_YAML, SOPS_JSON, SOPS_DOTENV, SOPS_INI, SOPS_BINARY, MANIFEST, VARLINK_MESSAGE
    }

    private static final AtomicLongArray RUNS = new AtomicLongArray(Target.values().length);
    private static final Identity AGE_IDENTITY = X25519Identity.generate();
    private static final PgpKeyring PGP = pgpKeyring();

    private static PgpKeyring pgpKeyring() {
        try {
            return PgpKeyring.fromSshRsaKey(Path.of(System.getProperty("secretsd.vectors",
                    "src/test/resources/vectors"), "sops-nix/ssh-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parsers(FuzzedDataProvider data) {
        Target t = Target.values()[data.consumeInt(0, Target.values().length - 1)];
        byte[] in = data.consumeRemainingAsBytes();
        RUNS.incrementAndGet(t.ordinal());
        try {
            parse(t, in);
        } catch (IOException typed) {
            // the parser's own error: what the parsers promise for bad input
        }
    }

    /** Entry point for Jazzer's standalone driver (src/test/fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        new ParsersFuzzTest().parsers(data);
    }

    static void parse(Target t, byte[] in) throws IOException {
        String text = new String(in, StandardCharsets.UTF_8);
        switch (t) {
            case AGE_FILE -> Age.decrypt(in, List.of(AGE_IDENTITY));
            case AGE_ARMOR -> Armor.decoder(new ByteArrayInputStream(in)).readAllBytes();
            case AGE_IDENTITY_FILE -> IdentityFile.parse("fuzz", in);
            case SSH_PRIVATE_KEY -> SshAge.identity(in, null);
            case SSH_PUBLIC_KEY -> SshAge.recipient(text);
            case PGP_SECRET_KEY -> PgpKeyring.readSecretKeys(in, (byte[]) null, "fuzz");
            case PGP_PUBLIC_KEY -> PgpPublicKey.parseAll(in, "fuzz");
            case PGP_MESSAGE -> PGP.decrypt(in, PGP.fingerprints().getFirst());
            case SOPS_YAML -> Sops.load("fuzz", in, Format.YAML);
            case SOPS_JSON -> Sops.load("fuzz", in, Format.JSON);
            case SOPS_DOTENV -> Sops.load("fuzz", in, Format.DOTENV);
            case SOPS_INI -> Sops.load("fuzz", in, Format.INI);
            case SOPS_BINARY -> Sops.load("fuzz", in, Format.BINARY);
            case MANIFEST -> ManifestReader.parse(in, "fuzz");
            case VARLINK_MESSAGE -> Json.parseObject(text);
        }
    }

    @AfterAll
    static void report() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Target t : Target.values()) b.append(t).append(' ').append(RUNS.get(t.ordinal())).append('\n');
        Path out = Path.of("target", "fuzz-executions.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString());
        System.out.print("fuzz executions per parser:\n" + b);
    }
}
