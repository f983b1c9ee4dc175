/**
 * Activation: {@link io.secretsd.activation.Activation#run} takes a manifest through keys, mount, plan,
 * generation, switch and changes, like sops-install-secrets, and returns an
 * {@link io.secretsd.activation.ActivationResult}.
 *
 * <p>Decryption comes through {@link io.secretsd.activation.SecretSourceFactory} and
 * {@link io.secretsd.activation.SecretSource}: each sops file is decrypted once, files in parallel; key material is
 * loaded in memory only (nothing converted is written to the secrets mount).
 *
 * <p>What it does beyond sops-install-secrets:
 * <ul>
 * <li>Partial failure: a secret or template that cannot be decrypted, rendered, chowned or written keeps the
 * previous generation's file (hard-linked) or is absent; all others are installed; each failure is reported and
 * the exit status is 1.</li>
 * <li>One writer per mount point ({@code MountLock}, a kernel-released {@code fcntl} lock beside it), taken
 * before the current generation is read. A generation is built as {@code .gen-N.<random>}, its links file written,
 * renamed to {@code N} and checked whole; the symlink is switched only then. A crash or a full file system at any
 * point leaves the current generation untouched; the next run removes the leftovers, and prunes before writing.
 * The next number is one more than both the current one and any numbered directory present, so nothing is
 * overwritten.</li>
 * <li>{@code path} links are placed through {@code SafeDirectory}: no link or {@code ..} a non-root user controls
 * is followed on the way (systemd's unsafe path transitions); parents are created 0755 whatever the umask.</li>
 * <li>Exact modes whatever the umask (see {@code SecureFiles}); no link is ever followed inside the secrets
 * directory; a symlinked mount point is refused.</li>
 * <li>Unchanged files (same bytes, owner, mode) are hard-linked from the previous generation, not rewritten.</li>
 * <li>{@code path} links are placed with a temporary symlink renamed over the target, owned like the file; the
 * links a generation placed are recorded in {@code <mount>/.links-N}, and those the next generation no longer
 * wants are removed while they still point into {@code symlinkPath}.</li>
 * <li>Templates look placeholders up by the attribute name, in one pass (no re-expansion inside values).</li>
 * </ul>
 * The secrets file system is the platform's ({@link io.secretsd.activation.Mounter#forPlatform}): a Linux ramfs or
 * tmpfs ({@link io.secretsd.activation.LinuxMounter}) or a macOS RAM disk ({@link io.secretsd.activation.MacRamDisk}).
 */
package io.secretsd.activation;
