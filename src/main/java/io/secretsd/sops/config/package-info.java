/**
 * {@code .sops.yaml}: where sops' command line finds it (walking up from the working directory), which
 * creation rule applies to a file (its {@code path_regex}, matched against the path relative to the file's
 * directory as sops does), the key groups and encryption rule that rule gives, and the {@code stores:} options
 * that change output. It names keys only; encrypting to them is the caller's business, and nothing here knows
 * of the daemon.
 */
package io.secretsd.sops.config;
