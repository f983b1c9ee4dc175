package io.secretsd.sops;

import java.util.Map;

/**
 * One entry of a key group: a master key and the data key (or Shamir share) encrypted to it ({@code enc}).
 * Every type sops writes is parsed so that files load; only age (and, through {@link DataKeySource}, pgp)
 * can be opened here. {@code enc} is ciphertext, so it may appear in files but not in messages.
 */
public sealed interface MasterKey {
    /** The metadata list this entry lives in: {@code age}, {@code pgp}, {@code kms}, ... */
    String typeName();

    /** The encrypted data key or share. */
    String enc();

    /** A one-line description for messages: type and recipient, never {@code enc}. */
    String describe();

    record AgeKey(String recipient, String enc) implements MasterKey {
        public String typeName() { return "age"; }
        public String describe() { return "age " + recipient; }
    }

    record PgpKey(String fingerprint, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "pgp"; }
        public String describe() { return "pgp " + fingerprint; }
    }

    record KmsKey(String arn, String role, Map<String, String> context, String createdAt, String enc, String awsProfile)
            implements MasterKey {
        public KmsKey {
            context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        }
        public String typeName() { return "kms"; }
        public String describe() { return "kms " + arn; }
    }

    record GcpKmsKey(String resourceId, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "gcp_kms"; }
        public String describe() { return "gcp_kms " + resourceId; }
    }

    record AzureKvKey(String vaultUrl, String name, String version, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "azure_kv"; }
        public String describe() { return "azure_kv " + vaultUrl + "/keys/" + name + "/" + version; }
    }

    record HcVaultKey(String vaultAddress, String enginePath, String keyName, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "hc_vault"; }
        public String describe() { return "hc_vault " + vaultAddress + "/v1/" + enginePath + "/keys/" + keyName; }
    }

    record HcKmsKey(String keyId, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "hckms"; }
        public String describe() { return "hckms " + keyId; }
    }
}
