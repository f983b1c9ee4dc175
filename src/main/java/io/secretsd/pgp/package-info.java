/**
 * OpenPGP for sops data keys, on BouncyCastle's bcpg: decrypting the {@code enc} message of a sops
 * {@code pgp} entry and encrypting a data key to a public key.
 *
 * <ul>
 *   <li>{@link io.secretsd.pgp.PgpDecryptor} (sealed): {@link io.secretsd.pgp.PgpKeyring}, keys in process
 *       (secret key files, RSA SSH keys converted as sops-nix does), and {@link io.secretsd.pgp.GnupgHome},
 *       the {@code gpg} binary as sops runs it.</li>
 *   <li>{@link io.secretsd.pgp.PgpKeyLocation} (sealed): where keys are, as the CLI and the manifest name them.</li>
 *   <li>{@link io.secretsd.pgp.PgpEncryptor} and {@link io.secretsd.pgp.PgpPublicKey}: encryption.</li>
 *   <li>{@link io.secretsd.pgp.PgpException} (sealed, an IOException): every failure, typed by cause; messages
 *       name files and fingerprints, never key material.</li>
 * </ul>
 *
 * Private keys live in BouncyCastle objects (BigInteger-based) that cannot be wiped; decrypted data keys
 * are returned as fresh arrays the caller wipes.
 */
package io.secretsd.pgp;
