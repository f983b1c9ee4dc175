/**
 * The daemon's control socket: varlink (JSON messages ended by NUL) over AF_UNIX.
 *
 * <p>{@link io.secretsd.control.ControlServer} serves {@code org.varlink.service} (GetInfo,
 * GetInterfaceDescription) and {@code io.secretsd.Manager} (GetStatus, Reload, Subscribe) on a socket it
 * binds (mode 0666, a stale file replaced) or one systemd handed over. The daemon feeds it through three
 * narrow seams: a {@link io.secretsd.control.StatusPublisher} that the activation loop publishes an
 * immutable {@link io.secretsd.control.StatusSnapshot} to, an {@link io.secretsd.control.EventHub} it
 * publishes {@link io.secretsd.control.ControlEvent}s to, and a {@link io.secretsd.control.ReloadHandler}.
 * None of these types has a field for a secret's value, so none can reach the socket.
 *
 * <p>Who may do what is decided once per connection from the kernel's peer credentials by
 * {@link io.secretsd.control.AccessPolicy}: root and the daemon's own user everything, the status group
 * reading, anyone else nothing ({@code org.varlink.service.PermissionDenied}).
 *
 * <p>{@link io.secretsd.control.ControlClient} is the other end, used by {@code secretsctl status},
 * {@code reload} and {@code events}. It uses the JDK's AF_UNIX channels and a hand-written JSON codec
 * ({@link io.secretsd.control.Json}), so a status query loads no native library and no JSON library.
 */
package io.secretsd.control;
