package io.secretsd.control;

/** Who is at the other end of a Unix socket, as the kernel saw it at connect time (SO_PEERCRED). */
public record PeerCredentials(long pid, long uid, long gid) {}
