package io.secretsd.pgp;

import io.secretsd.ssh.MalformedKeyException;
import io.secretsd.ssh.PassphraseRequiredException;
import io.secretsd.ssh.SshKeyException;
import io.secretsd.ssh.SshPrivateKey;
import io.secretsd.ssh.UnsupportedEncryptionException;
import io.secretsd.ssh.UnsupportedKeyTypeException;
import io.secretsd.ssh.WrongPassphraseException;
import java.security.spec.RSAPrivateCrtKeySpec;

/** The RSA parameters of an SSH private key file, read by io.secretsd.ssh, its errors as PgpExceptions. */
final class SshRsaKeys {
    private SshRsaKeys() {
    }

    static RSAPrivateCrtKeySpec parse(byte[] file, byte[] passphrase, String what) throws PgpException {
        try (SshPrivateKey key = read(file, passphrase, what)) {
            return switch (key) {
                case SshPrivateKey.Rsa rsa -> rsa.toKeySpec();
                // sops-nix's own words, so that users searching for them find the cause.
                case SshPrivateKey.Ed25519 ignored -> throw new PgpUnsupportedException(
                        what + ": only RSA keys are supported right now, got " + key.publicKey().type());
            };
        }
    }

    private static SshPrivateKey read(byte[] file, byte[] passphrase, String what) throws PgpException {
        try {
            return SshPrivateKey.parse(file, passphrase);
        } catch (RuntimeException e) {
            throw new MalformedPgpException(what + ": " + PgpInput.describe(e), e);
        } catch (SshKeyException e) {
            String message = what + ": " + e.getMessage();
            throw switch (e) {
                case PassphraseRequiredException p -> new PgpPassphraseException(message, e);
                case WrongPassphraseException w -> new PgpPassphraseException(message, e);
                case UnsupportedKeyTypeException u -> new PgpUnsupportedException(
                        what + ": only RSA keys are supported right now (" + e.getMessage() + ")", e);
                case UnsupportedEncryptionException u -> new PgpUnsupportedException(message, e);
                case MalformedKeyException m -> new MalformedPgpException(message, e);
                default -> new MalformedPgpException(message, e);
            };
        }
    }
}
