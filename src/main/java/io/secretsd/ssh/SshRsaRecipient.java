package io.secretsd.ssh;

import io.secretsd.age.HeaderException;
import io.secretsd.age.Recipient;
import io.secretsd.age.Stanza;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** An ssh-rsa public key as an age recipient (agessh.go RSARecipient): RSA-OAEP-SHA-256 of the file key. */
public final class SshRsaRecipient implements Recipient {
    static final String TYPE = "ssh-rsa";
    static final String LABEL = "age-encryption.org/v1/ssh-rsa";
    public static final int MIN_BITS = 2048;

    private final SshPublicKey.Rsa sshKey;
    private final String tag;

    private SshRsaRecipient(SshPublicKey.Rsa sshKey) {
        this.sshKey = sshKey;
        this.tag = SshStanzas.tag(sshKey);
    }

    /** Refuses keys under {@value #MIN_BITS} bits: too weak to protect a file key. */
    public static SshRsaRecipient of(SshPublicKey.Rsa sshKey) throws UnsupportedKeyTypeException {
        if (sshKey.bits() < MIN_BITS) {
            throw new UnsupportedKeyTypeException(TYPE, "ssh-rsa key of " + sshKey.bits() + " bits is too small for a recipient (minimum "
                    + MIN_BITS + ")");
        }
        return new SshRsaRecipient(sshKey);
    }

    public SshPublicKey.Rsa sshKey() {
        return sshKey;
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws HeaderException {
        try {
            var key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(sshKey.n(), sshKey.e()));
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, key, oaep());
            return List.of(new Stanza(TYPE, List.of(tag), c.doFinal(fileKey)));
        } catch (GeneralSecurityException e) {
            throw new HeaderException("ssh-rsa wrap for " + tag + " failed: " + e.getMessage(), e);
        }
    }

    /** The JDK's OAEP defaults to MGF1-SHA-1; age uses SHA-256 for both hashes, and a label. */
    static OAEPParameterSpec oaep() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(LABEL.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return sshKey.authorizedKey();
    }
}
