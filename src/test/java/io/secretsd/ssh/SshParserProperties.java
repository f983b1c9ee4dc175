package io.secretsd.ssh;

import io.secretsd.age.AgeException;
import io.secretsd.age.Stanza;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Garbage and mutated inputs never make a parser throw anything but its typed exception (no NPE,
 * IndexOutOfBounds, IllegalArgumentException, ... escapes).
 */
class SshParserProperties {

    /** A PEM private key with its label and decoded body, so mutations can hit the structure, not only the base64. */
    record Sample(String label, byte[] body, byte[] passphrase) {}

    private static final List<Sample> UNENCRYPTED = samples();

    private static List<Sample> samples() {
        try {
            var out = new java.util.ArrayList<Sample>();
            out.add(pem(Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")), null));
            out.add(pem(Files.readAllBytes(Vectors.file("sops-nix/ssh-key")), null));
            var g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            var rsa = g.generateKeyPair().getPrivate().getEncoded();
            out.add(new Sample("PRIVATE KEY", rsa, null));
            out.add(new Sample("RSA PRIVATE KEY", org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(rsa)
                    .parsePrivateKey().toASN1Primitive().getEncoded(), null));
            out.add(new Sample("PRIVATE KEY", java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                    .getPrivate().getEncoded(), null));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sample pem(byte[] file, byte[] passphrase) throws MalformedKeyException {
        Pem p = Pem.decode(file);
        return new Sample(p.label(), p.body(), passphrase);
    }

    private static byte[] encode(String label, byte[] body) {
        return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(body)
                + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void parsePrivate(byte[] file, byte[] passphrase) {
        try {
            SshPrivateKey.parse(file, passphrase).wipe();
        } catch (SshKeyException expected) {
            // the only allowed failure
        }
    }

    @Property(tries = 1000)
    void garbagePrivateKeyFiles(@ForAll @Size(max = 600) byte[] garbage) {
        parsePrivate(garbage, null);
        for (String label : new String[] {"OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "PRIVATE KEY"}) {
            parsePrivate(encode(label, garbage), "pass".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        return Combinators.combine(Arbitraries.integers().between(0, UNENCRYPTED.size() - 1),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes(),
                Arbitraries.integers().between(0, 3)).as((which, where, value, how) -> {
            byte[] body = UNENCRYPTED.get(which).body().clone();
            int at = where % body.length;
            byte[] mutated = switch (how) {
                case 0 -> { body[at] ^= (byte) (value == 0 ? 1 : value); yield body; }
                case 1 -> Arrays.copyOf(body, at);
                case 2 -> { body[at] = value; yield body; }
                default -> {
                    byte[] longer = Arrays.copyOf(body, body.length + 1);
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    longer[at] = value;
                    yield longer;
                }
            };
            return encode(UNENCRYPTED.get(which).label(), mutated);
        });
    }

    @Property(tries = 3000)
    void mutatedKeyFiles(@ForAll("mutatedBodies") byte[] file) {
        parsePrivate(file, null);
    }

    @Property(tries = 500)
    void mutatedPemText(@ForAll("pemTextMutations") byte[] file) {
        parsePrivate(file, null);
    }

    @Provide
    Arbitrary<byte[]> pemTextMutations() {
        return Combinators.combine(Arbitraries.integers().between(0, UNENCRYPTED.size() - 1),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes()).as((which, where, value) -> {
            byte[] text = encode(UNENCRYPTED.get(which).label(), UNENCRYPTED.get(which).body());
            text[where % text.length] = value;
            return text;
        });
    }

    /**
     * Encrypted keys: mutations of the private section (after the kdf options, so the bcrypt rounds stay
     * small) with the right passphrase, and of anything without a passphrase.
     */
    @Property(tries = 15)
    void mutatedEncryptedKey(@ForAll byte value, @ForAll int where, @ForAll boolean withPassphrase) throws Exception {
        byte[] body = pem(EncryptedSample.FILE, null).body();
        int start = withPassphrase ? EncryptedSample.PRIVATE_SECTION_OFFSET : 0;
        int at = start + Math.floorMod(where, body.length - start);
        body[at] ^= (byte) (value == 0 ? 1 : value);
        parsePrivate(encode("OPENSSH PRIVATE KEY", body), withPassphrase ? "test".getBytes(StandardCharsets.UTF_8) : null);
    }

    /** ssh-to-age's test-assets/id_ed25519_passphrase (aes256-ctr, bcrypt 16 rounds, passphrase "test"). */
    static final class EncryptedSample {
        static final byte[] FILE = """
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABC83l/B2p
                MGlU+7xBT7wzeuAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAID/+AcTjBdIG6Xwk
                4ZiuckvG5xNDlaqX316bKGo6D3a5AAAAkJA09klC9kTXa4VO1n4p3/J0ugw89MNS4eUn2b
                4vbCPGrqZGZBU/Byu4A5g/Z03sGxGJj0GqnkC6I8aS2aTeQriNpdm10NaPVRL9dtL0//rp
                NT/WAPFTUavHyBT16tmKKabyKHHf83QdtpbjckXkk8q1Xf8tBKYooZJcieo+22mrmq1Hha
                JxU9TKx2Tc2RMymQ==
                -----END OPENSSH PRIVATE KEY-----
                """.getBytes(StandardCharsets.US_ASCII);
        /** magic 15 + "aes256-ctr" 14 + "bcrypt" 10 + kdf options 4+24 + count 4 + public key 4+51. */
        static final int PRIVATE_SECTION_OFFSET = 15 + 14 + 10 + 28 + 4 + 55;
    }

    @Property(tries = 1000)
    void garbagePublicKeyLines(@ForAll("keyLines") String line) {
        try {
            SshPublicKey.parse(line);
        } catch (SshKeyException expected) {
        }
        try {
            SshPublicKey.parseKnownHosts(line);
        } catch (SshKeyException expected) {
        }
        try {
            SshToAge.publicKeysToAge(line);
        } catch (SshKeyException expected) {
        }
    }

    @Provide
    Arbitrary<String> keyLines() {
        Arbitrary<String> prefix = Arbitraries.of("", "ssh-ed25519 ", "ssh-rsa ", "ecdsa-sha2-nistp256 ", "host ssh-ed25519 ",
                "@revoked host ssh-rsa ", "command=\"x\" ssh-ed25519 ", "\"", "# ");
        Arbitrary<String> b64 = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> Base64.getEncoder().encodeToString(b));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(80);
        return Combinators.combine(prefix, Arbitraries.oneOf(b64, text, mutatedBlob()), text)
                .as((p, k, c) -> p + k + " " + c);
    }

    private Arbitrary<String> mutatedBlob() {
        byte[] ed = Base64.getDecoder().decode("AAAAC3NzaC1lZDI1NTE5AAAAIOHz+U0YtjINc54dZiJNclfmEFifF7RXCFlNlTbuZBji");
        return Combinators.combine(Arbitraries.integers().between(0, ed.length - 1), Arbitraries.bytes(), Arbitraries.integers().between(0, ed.length))
                .as((at, v, len) -> {
                    byte[] b = ed.clone();
                    b[at] = v;
                    return Base64.getEncoder().encodeToString(Arrays.copyOf(b, len));
                });
    }

    @Property(tries = 1000)
    void garbageWireBlobs(@ForAll @Size(max = 300) byte[] blob) {
        try {
            SshPublicKey.fromWireBlob(blob);
        } catch (SshKeyException expected) {
        }
    }

    private static final SshPrivateKey.Ed25519 ED = TestKeys.ed25519();
    private static final SshEd25519Identity ED_IDENTITY = new SshEd25519Identity(ED);

    /** Stanzas of our type, with our tag or not, and random arguments and bodies: null or a typed error. */
    @Property(tries = 1000)
    void garbageStanzas(@ForAll("stanzaArgs") List<String> args, @ForAll @Size(max = 64) byte[] body) {
        for (String type : new String[] {"ssh-ed25519", "ssh-rsa", "X25519"}) {
            try {
                ED_IDENTITY.unwrap(List.of(new Stanza(type, args, body)));
            } catch (AgeException expected) {
            }
        }
    }

    @Provide
    Arbitrary<List<String>> stanzaArgs() {
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.just(SshStanzas.tag(ED.publicKey())),
                Arbitraries.strings().withCharRange('+', 'z').ofMaxLength(50),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(SshStanzas::encode));
        return arg.list().ofMaxSize(3);
    }
}
