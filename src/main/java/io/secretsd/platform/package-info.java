/**
 * What differs between the operating systems secretsd runs on: {@link io.secretsd.platform.Platform} (chosen
 * once per process), the system programs it runs ({@link io.secretsd.platform.Programs}) and where a user's
 * runtime directory is ({@link io.secretsd.platform.RuntimeDirectory}). Knows nothing of secrets.
 */
package io.secretsd.platform;
