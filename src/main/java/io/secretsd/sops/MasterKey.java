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

    /** What sops prints and compares for this key ({@code ToString}): recipient, fingerprint, ARN, ... */
    String id();

    /** A one-line description for messages: type and recipient, never {@code enc}. */
    default String describe() {
        return typeName() + " " + id();
    }

    record AgeKey(String recipient, String enc) implements MasterKey {
        public String typeName() { return "age"; }
        public String id() { return recipient; }
    }

    record PgpKey(String fingerprint, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "pgp"; }
        public String id() { return fingerprint; }
    }

    record KmsKey(String arn, String role, Map<String, String> context, String createdAt, String enc, String awsProfile)
            implements MasterKey {
        public KmsKey {
            context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        }
        public String typeName() { return "kms"; }
        public String id() { return arn; }
    }

    record GcpKmsKey(String resourceId, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "gcp_kms"; }
        public String id() { return resourceId; }
    }

    record AzureKvKey(String vaultUrl, String name, String version, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "azure_kv"; }
        public String id() { return vaultUrl + "/keys/" + name + "/" + version; }
    }

    record HcVaultKey(String vaultAddress, String enginePath, String keyName, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "hc_vault"; }
        public String id() { return vaultAddress + "/v1/" + enginePath + "/keys/" + keyName; }
    }

    record HcKmsKey(String keyId, String createdAt, String enc) implements MasterKey {
        public String typeName() { return "hckms"; }
        public String id() { return keyId; }
    }
}
