package io.secretsd.sops;

/**
 * The standard {@link DataKeySource}: age entries go to an age source, pgp entries to a {@link PgpKeySource},
 * and cloud KMS / Vault entries are reported as unsupported by name.
 */
public record KeySources(DataKeySource age, PgpKeySource pgp) implements DataKeySource {
    /** The reason given for PGP entries while no OpenPGP implementation is plugged in. */
    public static final String PGP_NOT_SUPPORTED = "PGP is not supported yet";

    @Override
    public byte[] open(MasterKey key) throws KeyUnwrapException {
        return switch (key) {
            case MasterKey.AgeKey a -> {
                if (age == null) throw new KeyUnwrapException("no age identities available");
                yield age.open(a);
            }
            case MasterKey.PgpKey p -> {
                if (pgp == null) throw new KeyUnwrapException(PGP_NOT_SUPPORTED);
                yield pgp.open(p);
            }
            case MasterKey.KmsKey k -> throw unsupported("AWS KMS");
            case MasterKey.GcpKmsKey k -> throw unsupported("GCP KMS");
            case MasterKey.AzureKvKey k -> throw unsupported("Azure Key Vault");
            case MasterKey.HcVaultKey k -> throw unsupported("HashiCorp Vault");
            case MasterKey.HcKmsKey k -> throw unsupported("HuaweiCloud KMS");
        };
    }

    private static KeyUnwrapException unsupported(String what) {
        return new KeyUnwrapException(what + " keys are not supported by secretsd");
    }
}
