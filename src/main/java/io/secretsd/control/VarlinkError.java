package io.secretsd.control;

import java.io.IOException;
import java.util.Map;

/** The server answered a call with a varlink error, e.g. org.varlink.service.PermissionDenied. */
public final class VarlinkError extends IOException {
    private final String name;
    private final transient Map<String, Object> parameters;

    public VarlinkError(String name, Map<String, Object> parameters) {
        super(describe(name, parameters));
        this.name = name;
        this.parameters = Map.copyOf(parameters);
    }

    public String name() {
        return name;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    private static String describe(String name, Map<String, Object> parameters) {
        return switch (name) {
            case "org.varlink.service.PermissionDenied" -> "permission denied: only root and members of the status group may ask secretsd";
            case "io.secretsd.Manager.ReloadFailed" -> "reload failed: " + parameters.get("reason");
            default -> parameters.isEmpty() ? name : name + " " + Json.write(parameters);
        };
    }
}
