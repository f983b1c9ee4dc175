/**
 * The sops-nix manifest: {@link io.secretsd.manifest.ManifestReader} reads the JSON that sops-nix's
 * {@code manifest-for.nix} writes (NixOS, nix-darwin and home-manager variants) or the same schema in YAML, and
 * returns validated records ({@link io.secretsd.manifest.Manifest}, {@link io.secretsd.manifest.Secret},
 * {@link io.secretsd.manifest.Template}) or throws a {@link io.secretsd.manifest.ManifestException} carrying every
 * problem with its JSON path.
 *
 * <p>Where this differs from sops-install-secrets, deliberately: an unknown {@code format} is an error (Go reads
 * it as yaml); secret and template names must be relative paths without {@code ..} (Go would write outside the
 * generation); duplicate names, a name inside another secret's file, and duplicate JSON keys are errors; fields
 * a hand-written manifest omits take the NixOS module's defaults ({@code key} = name, {@code mode} 0400,
 * {@code keepGenerations} 1, {@code path} under {@code symlinkPath}); an optional {@code attributeName} on secrets
 * names the attribute whose placeholder they fill (sops-nix #688).
 *
 * <p>JSON is read by a small RFC 8259 reader of its own ({@code JsonTree}): a manifest is read at boot by a cold
 * JVM, and a library's parser factory alone cost about 100 ms there. YAML goes through snakeyaml-engine.
 */
package io.secretsd.manifest;
