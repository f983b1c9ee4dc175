package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshToAgeTest {

    @Test
    void sopsNixEd25519KeyGivesTheReadmeRecipientAndIdentity() throws Exception {
        String recipient = Vectors.readmeValue("ssh-to-age conversion gives recipient", "age1");
        String identity = Vectors.readmeValue("ssh-to-age conversion gives recipient", "AGE-SECRET-KEY-1");

        String pub = Files.readString(Vectors.file("sops-nix/ssh-ed25519-key.pub"));
        assertEquals(recipient, SshToAge.publicKeyToAge(pub));

        byte[] converted = SshToAge.privateKeyToAge(Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")), null);
        assertEquals(identity, new String(converted, StandardCharsets.US_ASCII));
        // And the age package agrees that this identity belongs to that recipient.
        assertEquals(recipient, io.secretsd.age.X25519Identity.parse(new String(converted, StandardCharsets.US_ASCII))
                .recipient().toString());
    }

    @Test
    void privateKeyFileGivesTheSameRecipientAsItsPublicKey() throws Exception {
        try (var key = SshPrivateKey.parse(Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")))) {
            String pub = Files.readString(Vectors.file("sops-nix/ssh-ed25519-key.pub"));
            assertEquals(SshToAge.publicKeyToAge(pub), SshToAge.recipient((SshPublicKey.Ed25519) key.publicKey()));
        }
    }

    // Mic92/ssh-to-age cmd/ssh-to-age/test-assets (MIT): public keys and the expected results from its README.
    @Test
    void ssh2AgeTestAssetsPublicKeys() throws Exception {
        assertEquals("age17044m9wgakla6pzftf4srtl3h5mcsr85jysgt5fg23zpnta8sfdqhzn452", SshToAge.publicKeyToAge(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHz+U0YtjINc54dZiJNclfmEFifF7RXCFlNlTbuZBji joerg@turingmachine\n"));
        assertEquals("age1pa3t6c94xl4z6k02rt0lw2za7e7tdjsse46xjh8y7tluy59qu5tqaqgauq", SshToAge.publicKeyToAge(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID/+AcTjBdIG6Xwk4ZiuckvG5xNDlaqX316bKGo6D3a5 \n"));
    }

    @Test
    void ssh2AgeTestAssetsKeyscan() throws Exception {
        String keyscan = """
                # eve.thalheim.io SSH-2.0-OpenSSH_9.8
                eve.thalheim.io ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1
                # eve.thalheim.io SSH-2.0-OpenSSH_9.8
                eve.thalheim.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/KPU3Z5LSjbBI6hrq25wCcseq2UpqSzUFZRr+ux6LM
                # eve.thalheim.io SSH-2.0-OpenSSH_9.8
                eva.thalheim.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIL2vjdqpppuCn7yPdF2muINriAG7zBWrsELKpPWkhn5
                """;
        // The RSA line above is cut short, so it is malformed rather than skipped; drop it for the conversion.
        String withoutRsa = keyscan.lines().filter(l -> !l.contains("ssh-rsa")).reduce("", (a, b) -> a + b + "\n");
        List<SshToAge.Converted> out = SshToAge.publicKeysToAge(withoutRsa);
        assertEquals(List.of(
                new SshToAge.Converted.Recipient("eve.thalheim.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/KPU3Z5LSjbBI6hrq25wCcseq2UpqSzUFZRr+ux6LM",
                        "age1hjm3aujg9e79f5yth8a2cejzdjg5n9vnu96l05p70uvfpeltnpms7yy3pp"),
                new SshToAge.Converted.Recipient("eva.thalheim.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIL2vjdqpppuCn7yPdF2muINriAG7zBWrsELKpPWkhn5",
                        "age1v8zjc47jmlqwefyu66s0d4ke98qr4vnuj3cpvs4z9npfdw833dxqwjrhzv")), out);
        assertThrows(MalformedKeyException.class, () -> SshToAge.publicKeysToAge(keyscan));
    }

    @Test
    void rsaKeysAreSkippedWithTheirType() throws Exception {
        String rsa = Files.readString(Vectors.file("sops-nix/ssh-key.pub"));
        var out = SshToAge.publicKeysToAge(rsa);
        assertEquals(1, out.size());
        var skipped = assertInstanceOf(SshToAge.Converted.Skipped.class, out.get(0));
        assertEquals("ssh-rsa", skipped.reason().keyType());
        var e = assertThrows(UnsupportedKeyTypeException.class,
                () -> SshToAge.privateKeyToAge(Files.readAllBytes(Vectors.file("sops-nix/ssh-key")), null));
        assertEquals("ssh-rsa", e.keyType());
    }

    // Mic92/ssh-to-age test-assets/id_ed25519 and id_ed25519_passphrase (passphrase "test"), with its README's answers.
    @Test
    void ssh2AgeTestAssetsPrivateKeys() throws Exception {
        String plain = """
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                QyNTUxOQAAACDh8/lNGLYyDXOeHWYiTXJX5hBYnxe0VwhZTZU27mQY4gAAAJjpEFzo6RBc
                6AAAAAtzc2gtZWQyNTUxOQAAACDh8/lNGLYyDXOeHWYiTXJX5hBYnxe0VwhZTZU27mQY4g
                AAAEDsBo0iLkC2U9CS5XgSo7zS/nQvjxaPfhfFCR+BshxoL+Hz+U0YtjINc54dZiJNclfm
                EFifF7RXCFlNlTbuZBjiAAAAE2pvZXJnQHR1cmluZ21hY2hpbmUBAg==
                -----END OPENSSH PRIVATE KEY-----
                """;
        String withPassphrase = """
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABC83l/B2p
                MGlU+7xBT7wzeuAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAID/+AcTjBdIG6Xwk
                4ZiuckvG5xNDlaqX316bKGo6D3a5AAAAkJA09klC9kTXa4VO1n4p3/J0ugw89MNS4eUn2b
                4vbCPGrqZGZBU/Byu4A5g/Z03sGxGJj0GqnkC6I8aS2aTeQriNpdm10NaPVRL9dtL0//rp
                NT/WAPFTUavHyBT16tmKKabyKHHf83QdtpbjckXkk8q1Xf8tBKYooZJcieo+22mrmq1Hha
                JxU9TKx2Tc2RMymQ==
                -----END OPENSSH PRIVATE KEY-----
                """;
        assertEquals("AGE-SECRET-KEY-1K3VN4N03PTHJWSJSCCMQCN33RY5FSKQPJ4KRRTG3JMQUYE0TUSEQEDH6V8",
                new String(SshToAge.privateKeyToAge(plain.getBytes(StandardCharsets.US_ASCII), null), StandardCharsets.US_ASCII));
        assertEquals("joerg@turingmachine", SshPrivateKey.parse(plain.getBytes(StandardCharsets.US_ASCII)).comment());
        assertEquals("AGE-SECRET-KEY-1EJQ0DZ679RZ4MF6KDC8L8F327SHUULYD5XP53C08ZHYT0KQLNWJQHG7X8P",
                new String(SshToAge.privateKeyToAge(withPassphrase.getBytes(StandardCharsets.US_ASCII),
                        "test".getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII));
        assertThrows(PassphraseRequiredException.class,
                () -> SshToAge.privateKeyToAge(withPassphrase.getBytes(StandardCharsets.US_ASCII), null));
        assertThrows(WrongPassphraseException.class,
                () -> SshToAge.privateKeyToAge(withPassphrase.getBytes(StandardCharsets.US_ASCII), "nope".getBytes(StandardCharsets.UTF_8)));
    }
}
