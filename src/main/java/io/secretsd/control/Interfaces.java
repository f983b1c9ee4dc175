package io.secretsd.control;

/** The varlink interface descriptions the server implements, served by GetInterfaceDescription. */
final class Interfaces {
    private Interfaces() {}

    static final String SERVICE = "org.varlink.service";
    static final String MANAGER = "io.secretsd.Manager";

    static final String SERVICE_IDL = """
            # The Varlink Service Interface is provided by every varlink service. It
            # describes the service and the interfaces it implements.
            interface org.varlink.service

            # Get a list of all the interfaces a service provides and information
            # about the implementation.
            method GetInfo() -> (
              vendor: string,
              product: string,
              version: string,
              url: string,
              interfaces: []string
            )

            # Get the description of an interface that is implemented by this service.
            method GetInterfaceDescription(interface: string) -> (description: string)

            # The requested interface was not found.
            error InterfaceNotFound (interface: string)

            # The requested method was not found
            error MethodNotFound (method: string)

            # The interface defines the requested method, but the service does not
            # implement it.
            error MethodNotImplemented (method: string)

            # One of the passed parameters is invalid.
            error InvalidParameter (parameter: string)

            # Client is denied access
            error PermissionDenied ()

            # Method is expected to be called with 'more' set to true, but wasn't
            error ExpectedMore ()
            """;

    static final String MANAGER_IDL = """
            # The secretsd daemon: which secrets and templates it installed, which failed,
            # and a stream of changes. No method ever returns a secret's value.
            interface io.secretsd.Manager

            # The daemon as a whole.
            type Daemon (
              version: string,
              # Seconds since the daemon started.
              uptimeSeconds: int,
              # The installed generation, 0 before the first activation.
              generation: int,
              # When the last activation finished (RFC 3339), absent before the first.
              lastActivation: ?string,
              lastOutcome: (none, ok, failed),
              # Why the last activation failed, absent unless it did.
              lastError: ?string
            )

            # One secret or template: where it is and who may read it, never its value.
            type Entry (
              kind: (secret, template),
              name: string,
              path: string,
              owner: string,
              group: string,
              # Permission bits as four octal digits, e.g. "0400".
              mode: string,
              # The sops file or template file it comes from.
              sourceFile: string,
              state: (ok, failed, pending),
              # When its content last changed (RFC 3339), absent if never installed.
              lastChange: ?string,
              # Why it failed, absent unless it did.
              error: ?string
            )

            # A change installed, a failure to install one, or a warning (units it cannot restart).
            type Event (
              time: string,
              type: (changed, failed, warning),
              # Absent for a failure of the activation as a whole (e.g. an invalid manifest).
              kind: ?(secret, template),
              name: string,
              path: ?string,
              change: ?(added, modified, removed),
              generation: ?int,
              error: ?string,
              warning: ?string
            )

            # The daemon's state and every secret and template of the manifest.
            method GetStatus() -> (daemon: Daemon, entries: []Entry)

            # Re-activate everything now, as SIGHUP does. Root only.
            method Reload() -> ()

            # Stream change and failure events; call with "more".
            method Subscribe() -> (event: Event)

            # The re-activation failed; the installed secrets stay as they were.
            error ReloadFailed (reason: string)
            """;
}
