package io.secretsd.sops.config;

/**
 * A master key named by a creation rule or a command line, before anything is encrypted to it. {@link #id()}
 * is what sops prints and compares ({@code ToString}): the recipient, the fingerprint, the ARN, ...
 */
public sealed interface KeySpec {
    /** The metadata list such a key lives in: {@code age}, {@code pgp}, {@code kms}, ... */
    String type();

    String id();

    record Age(String recipient) implements KeySpec {
        public String type() { return "age"; }
        public String id() { return recipient; }
    }

    record Pgp(String fingerprint) implements KeySpec {
        public String type() { return "pgp"; }
        public String id() { return fingerprint; }
    }

    /** A cloud KMS or Vault key: kept when a file already holds it, never newly encrypted to here. */
    record Foreign(String type, String id) implements KeySpec {}
}
