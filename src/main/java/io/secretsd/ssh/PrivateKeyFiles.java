package io.secretsd.ssh;

/** Picks the private key format from the PEM label. */
final class PrivateKeyFiles {
    private PrivateKeyFiles() {}

    static SshPrivateKey parse(byte[] file, byte[] passphrase) throws SshKeyException {
        Pem pem = Pem.decode(file);
        try {
            return switch (pem.label()) {
                case OpenSshKeyV1.LABEL -> OpenSshKeyV1.parse(pem.body(), passphrase);
                case Pkcs.RSA_LABEL -> Pkcs.rsa(pem, passphrase);
                case Pkcs.PKCS8_LABEL -> Pkcs.pkcs8(pem.body());
                case "ENCRYPTED PRIVATE KEY" -> throw new UnsupportedEncryptionException(
                        "encrypted PKCS#8 private keys are not supported; convert with ssh-keygen -p -f FILE (openssh-key-v1)");
                case "EC PRIVATE KEY" -> throw new UnsupportedKeyTypeException("ecdsa",
                        "unsupported SSH key type ecdsa (PEM EC PRIVATE KEY); only ssh-ed25519 and ssh-rsa are supported");
                case "DSA PRIVATE KEY" -> throw new UnsupportedKeyTypeException("ssh-dss");
                default -> throw new MalformedKeyException("PEM label", "unknown private key label "
                        + SshWireReader.printable(pem.label()));
            };
        } finally {
            pem.wipe();
        }
    }
}
