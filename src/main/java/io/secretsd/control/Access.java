package io.secretsd.control;

/** What a peer may do on the control socket. */
public enum Access {
    /** Nothing: every call gets PermissionDenied. */
    DENIED,
    /** GetInfo, GetInterfaceDescription, GetStatus and Subscribe. */
    READ,
    /** Everything, including Reload. */
    FULL
}
