package io.secretsd.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers to the calls that need nothing but the daemon's current state: every method but an
 * authorized Reload and a streaming Subscribe, which the server runs itself. Authorization comes
 * before anything about the call is looked at, so a stranger learns nothing, not even which methods
 * or parameters exist.
 */
final class Calls {
    private final ControlServer.Service service;

    /** The entries of the current snapshot, encoded once: they change per activation, not per query. */
    private record EncodedEntries(StatusSnapshot snapshot, Json.Raw json) {}

    private volatile EncodedEntries encoded;

    Calls(ControlServer.Service service) {
        this.service = service;
    }

    /** Whether {@code access} may call {@code method} at all. */
    static boolean permitted(Access access, String method) {
        return switch (access) {
            case DENIED -> false;
            case READ -> !method.equals(Interfaces.MANAGER + ".Reload");
            case FULL -> true;
        };
    }

    /** The reply to a call by a peer that may make it (see {@link #permitted}). */
    Map<String, Object> answer(String method, Object parameters) {
        if (!(parameters instanceof Map<?, ?> params)) return error("org.varlink.service.InvalidParameter", Map.of("parameter", "parameters"));
        int dot = method.lastIndexOf('.');
        String iface = dot < 0 ? "" : method.substring(0, dot);
        if (!iface.equals(Interfaces.SERVICE) && !iface.equals(Interfaces.MANAGER)) {
            return error("org.varlink.service.InterfaceNotFound", Map.of("interface", iface));
        }
        return switch (method) {
            case "org.varlink.service.GetInfo" -> noParams(params) != null ? noParams(params) : reply(Map.of(
                    "vendor", "secretsd",
                    "product", "secretsd",
                    "version", service.status().current().version(),
                    "url", "",
                    "interfaces", List.of(Interfaces.SERVICE, Interfaces.MANAGER)));
            case "org.varlink.service.GetInterfaceDescription" -> describe(params);
            case "io.secretsd.Manager.GetStatus" -> noParams(params) != null ? noParams(params) : status();
            // the server runs a Reload without parameters itself
            case "io.secretsd.Manager.Reload" -> noParams(params);
            case "io.secretsd.Manager.Subscribe" -> noParams(params) != null ? noParams(params)
                    : error("org.varlink.service.ExpectedMore", Map.of());
            default -> error("org.varlink.service.MethodNotFound", Map.of("method", method));
        };
    }

    private Map<String, Object> describe(Map<?, ?> params) {
        for (Object k : params.keySet()) {
            if (!"interface".equals(k)) return error("org.varlink.service.InvalidParameter", Map.of("parameter", String.valueOf(k)));
        }
        if (!(params.get("interface") instanceof String iface)) {
            return error("org.varlink.service.InvalidParameter", Map.of("parameter", "interface"));
        }
        String idl = switch (iface) {
            case Interfaces.SERVICE -> Interfaces.SERVICE_IDL;
            case Interfaces.MANAGER -> Interfaces.MANAGER_IDL;
            default -> null;
        };
        if (idl == null) return error("org.varlink.service.InterfaceNotFound", Map.of("interface", iface));
        return reply(Map.of("description", idl));
    }

    private Map<String, Object> status() {
        StatusSnapshot s = service.status().current();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("daemon", Wire.daemon(s, Instant.now()));
        p.put("entries", encodedEntries(s));
        return reply(p);
    }

    private Json.Raw encodedEntries(StatusSnapshot s) {
        EncodedEntries e = encoded;
        if (e == null || e.snapshot() != s) {
            e = new EncodedEntries(s, new Json.Raw(Json.write(Wire.entries(s))));
            encoded = e;
        }
        return e.json();
    }

    /** An InvalidParameter error naming the first parameter of a method that takes none, or null. */
    static Map<String, Object> noParams(Map<?, ?> params) {
        for (Object k : params.keySet()) {
            return error("org.varlink.service.InvalidParameter", Map.of("parameter", String.valueOf(k)));
        }
        return null;
    }

    static Map<String, Object> reply(Map<String, Object> parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        return m;
    }

    static Map<String, Object> error(String name, Map<String, Object> parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", name);
        m.put("parameters", parameters);
        return m;
    }
}
