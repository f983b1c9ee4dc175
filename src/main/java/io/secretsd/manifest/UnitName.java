package io.secretsd.manifest;

import java.util.Set;

/**
 * systemd's grammar of unit names (systemd.unit(5), unit_name_is_valid): {@code prefix[@instance].type},
 * at most 255 characters, the prefix and instance of ASCII letters, digits and {@code :-_.\}, the
 * instance also {@code @}, the type one of systemd's unit types. A name outside it is no unit, and
 * one such as {@code --help} would be an option to systemctl.
 */
final class UnitName {
    static final int MAX_LENGTH = 255;
    static final Set<String> TYPES = Set.of("service", "socket", "target", "device", "mount", "automount", "swap",
            "timer", "path", "slice", "scope");

    private UnitName() {}

    /** Why {@code name} is not a unit name, or null when it is one. */
    static String problem(String name) {
        if (name.isEmpty()) return "is empty";
        if (name.length() > MAX_LENGTH) return "is longer than " + MAX_LENGTH + " characters";
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !TYPES.contains(name.substring(dot + 1))) {
            return "does not end in a unit type (." + String.join(", .", TYPES.stream().sorted().toList()) + ")";
        }
        String stem = name.substring(0, dot);
        int at = stem.indexOf('@');
        String prefix = at < 0 ? stem : stem.substring(0, at);
        if (prefix.isEmpty()) return "has an empty name before its type or instance";
        if (!valid(prefix, false) || (at >= 0 && !valid(stem.substring(at + 1), true))) {
            return "has a character outside systemd's unit name grammar (letters, digits, \":-_.\\\", \"@\" before an instance)";
        }
        return null;
    }

    private static boolean valid(String s, boolean instance) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ':' || c == '-' || c == '_' || c == '.' || c == '\\' || (instance && c == '@');
            if (!ok) return false;
        }
        return true;
    }
}
