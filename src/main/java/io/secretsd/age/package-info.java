/**
 * age v1 (age-encryption.org/v1, C2SP age), following FiloSottile/age line by line.
 *
 * <p>Entry points: {@link io.secretsd.age.Age#decrypt} and {@link io.secretsd.age.Age#encrypt} on
 * streams; {@link io.secretsd.age.Armor} for the ASCII armor; keys via
 * {@link io.secretsd.age.X25519Identity}, {@link io.secretsd.age.HybridIdentity} (mlkem768x25519),
 * {@link io.secretsd.age.ScryptIdentity}, their recipients, {@link io.secretsd.age.Recipients#parse}
 * and {@link io.secretsd.age.IdentityFile}.
 *
 * <p>Errors are {@link io.secretsd.age.AgeException} subtypes, one per outcome of the CCTV suite:
 * {@link io.secretsd.age.HeaderException} (and {@link io.secretsd.age.MalformedStanzaException}),
 * {@link io.secretsd.age.NoIdentityMatchException}, {@link io.secretsd.age.HeaderMacException},
 * {@link io.secretsd.age.PayloadException}, {@link io.secretsd.age.ArmorException}. Key text errors are
 * {@link io.secretsd.age.KeyParseException} and {@link io.secretsd.age.IdentityFileException}.
 */
package io.secretsd.age;
