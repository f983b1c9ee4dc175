package io.secretsd.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated sops-nix manifest (the JSON that {@code sops-install-secrets} reads). */
public record Manifest(
        List<Secret> secrets,
        List<Template> templates,
        Map<String, String> placeholderBySecretName,
        String secretsMountPoint,
        String symlinkPath,
        int keepGenerations,
        Optional<String> gnupgHome,
        List<String> sshKeyPaths,
        Optional<String> ageKeyFile,
        List<String> ageSshKeyPaths,
        boolean useTmpfs,
        boolean userMode,
        Logging logging) {

    public static final String FOR_USERS_MOUNT_POINT = "/run/secrets-for-users.d";
    public static final String FOR_USERS_SYMLINK = "/run/secrets-for-users";

    public Manifest {
        secrets = List.copyOf(secrets);
        templates = List.copyOf(templates);
        placeholderBySecretName = Map.copyOf(placeholderBySecretName);
        sshKeyPaths = List.copyOf(sshKeyPaths);
        ageSshKeyPaths = List.copyOf(ageSshKeyPaths);
    }

    /**
     * Substitutes {@code %r} with the runtime directory and {@code %%} with {@code %} in the mount point, the
     * symlink path and every path, as sops-install-secrets does in user mode.
     */
    public Manifest expandRuntimeDir(String runtimeDir) {
        List<Secret> s = secrets.stream().map(x -> x.withPath(expand(x.path(), runtimeDir))).toList();
        List<Template> t = templates.stream().map(x -> x.withPath(expand(x.path(), runtimeDir))).toList();
        return new Manifest(s, t, placeholderBySecretName, expand(secretsMountPoint, runtimeDir),
                expand(symlinkPath, runtimeDir), keepGenerations, gnupgHome, sshKeyPaths, ageKeyFile,
                ageSshKeyPaths, useTmpfs, userMode, logging);
    }

    static String expand(String path, String runtimeDir) {
        String[] parts = path.split("%%", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('%');
            }
            out.append(parts[i].replace("%r", runtimeDir));
        }
        return out.toString();
    }

    /**
     * Splits off the {@code neededForUsers} secrets of a manifest that mixes them with others: they go to
     * {@code /run/secrets-for-users} (root-owned, no templates), which must exist before users are created.
     * Returns this manifest unchanged (first) and no second one when there is nothing to split.
     */
    public List<Manifest> splitForUsers() {
        List<Secret> early = new ArrayList<>();
        List<Secret> rest = new ArrayList<>();
        for (Secret s : secrets) {
            (s.neededForUsers() ? early : rest).add(s);
        }
        if (early.isEmpty() || rest.isEmpty() && templates.isEmpty()) {
            return List.of(this);
        }
        List<Secret> forUsers = early.stream().map(s -> {
            String own = symlinkPath + "/" + s.name();
            String path = s.path().equals(own) ? FOR_USERS_SYMLINK + "/" + s.name() : s.path();
            return new Secret(s.name(), s.attributeName(), s.key(), path, Optional.empty(), 0, Optional.empty(), 0,
                    s.sopsFile(), s.format(), s.mode(), s.restartUnits(), s.reloadUnits(), true, s.sopsFileHash());
        }).toList();
        Manifest main = new Manifest(rest, templates, placeholderBySecretName, secretsMountPoint, symlinkPath,
                keepGenerations, gnupgHome, sshKeyPaths, ageKeyFile, ageSshKeyPaths, useTmpfs, userMode, logging);
        Manifest users = new Manifest(forUsers, List.of(), Map.of(), FOR_USERS_MOUNT_POINT, FOR_USERS_SYMLINK,
                keepGenerations, gnupgHome, sshKeyPaths, ageKeyFile, ageSshKeyPaths, useTmpfs, userMode, logging);
        return List.of(users, main);
    }
}
