/**
 * sops files (getsops/sops 3.3 to 3.13), read and written byte-compatibly.
 *
 * <p>The data path: a {@link io.secretsd.sops.Store} (YAML, JSON, dotenv, INI, binary) parses a file into a
 * {@link io.secretsd.sops.Document} of {@link io.secretsd.sops.Value}s and the generic {@code sops} block, which
 * {@link io.secretsd.sops.Metadata} reads; {@link io.secretsd.sops.DataKeys} recovers the data key from the key
 * groups (Shamir over several groups) through one {@link io.secretsd.sops.DataKeySource};
 * {@link io.secretsd.sops.TreeCrypto} decrypts every {@code ENC[AES256_GCM,…]} value with its path as AAD and
 * checks the MAC. Writing runs the same way back, in the 3.13 layout. {@link io.secretsd.sops.Sops} holds the
 * entry points.
 *
 * <p>Keys: {@link io.secretsd.sops.AgeKeySource} opens age entries with identities that
 * {@link io.secretsd.sops.AgeIdentities} loads from the places sops looks (files, {@code SOPS_AGE_*} variables,
 * SSH keys used directly and through ssh-to-age); {@link io.secretsd.sops.PgpKeySource} is the slot for OpenPGP;
 * {@link io.secretsd.sops.KeySources} reports cloud KMS and Vault entries as unsupported by name.
 *
 * <p>The format itself is specified in {@code shared/notes/sops-format.md}. Secrets are {@code byte[]} in
 * {@link io.secretsd.sops.Scalar}; no message or {@code toString()} contains a value or key material.
 */
package io.secretsd.sops;
