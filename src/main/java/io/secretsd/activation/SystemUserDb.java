package io.secretsd.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Looks names up in {@code /etc/passwd} and {@code /etc/group} first (where NixOS keeps every user the module
 * can name) and falls back to NSS (LDAP, systemd-userdb, ...) for the rest: the JDK's lookup says whether the
 * name exists, {@code getent} gives its number.
 */
public final class SystemUserDb implements UserDb {
    private final Path passwd;
    private final Path group;
    private Map<String, Integer> users;
    private Map<String, Integer> groups;

    public SystemUserDb() {
        this(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    public SystemUserDb(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    @Override
    public synchronized OptionalInt uid(String user) {
        if (users == null) {
            users = load(passwd);
        }
        Integer id = users.get(user);
        return id != null ? OptionalInt.of(id) : known(user, false) ? getent("passwd", user) : OptionalInt.empty();
    }

    @Override
    public synchronized OptionalInt gid(String name) {
        if (groups == null) {
            groups = load(group);
        }
        Integer id = groups.get(name);
        return id != null ? OptionalInt.of(id) : known(name, true) ? getent("group", name) : OptionalInt.empty();
    }

    /** name:x:id:... lines; the third field is the uid (passwd) or gid (group). */
    private static Map<String, Integer> load(Path file) {
        Map<String, Integer> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !f[0].startsWith("+") && !f[0].startsWith("-")) {
                try {
                    out.putIfAbsent(f[0], Integer.parseUnsignedInt(f[2]));
                } catch (NumberFormatException ignored) {
                    // a broken line names nobody
                }
            }
        }
        return out;
    }

    /**
     * Whether NSS knows the name, asked in process (getpwnam/getgrnam through the JDK), so that a missing name,
     * such as the {@code keys} group outside NixOS, costs no process; only a name found there is worth a
     * {@code getent} for its number.
     */
    private static boolean known(String name, boolean group) {
        if (name.isEmpty() || name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // the JDK would take digits for an id; a name is never all digits here
        }
        try {
            UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            if (group) {
                lookup.lookupPrincipalByGroupName(name);
            } else {
                lookup.lookupPrincipalByName(name);
            }
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            return true; // cannot tell: let getent decide
        }
    }

    private static OptionalInt getent(String db, String name) {
        if (name.isEmpty() || name.startsWith("-") || name.chars().anyMatch(c -> c < 0x21)) {
            return OptionalInt.empty();
        }
        try {
            Process p = new ProcessBuilder("getent", db, name).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return OptionalInt.empty();
            }
            String[] f = new String(out, StandardCharsets.UTF_8).strip().split(":", -1);
            return f.length >= 3 ? OptionalInt.of(Integer.parseUnsignedInt(f[2])) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
