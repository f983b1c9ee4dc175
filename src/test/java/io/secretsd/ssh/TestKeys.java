package io.secretsd.ssh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Keys made in-process for stanza tests, where a key's origin does not matter. */
final class TestKeys {
    private TestKeys() {}

    static SshPrivateKey.Ed25519 ed25519() {
        return new SshPrivateKey.Ed25519(io.secretsd.age.Primitives.random(32), "test");
    }

    /** An RSA key from the JDK's generator, through its PKCS#8 encoding and our parser. */
    static SshPrivateKey.Rsa rsa(int bits) throws Exception {
        var g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        byte[] der = g.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        return (SshPrivateKey.Rsa) SshPrivateKey.parse(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
