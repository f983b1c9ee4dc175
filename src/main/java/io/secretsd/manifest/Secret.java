package io.secretsd.manifest;

import java.util.List;
import java.util.Optional;

/**
 * One entry of the manifest's {@code secrets}.
 *
 * @param name           the file name under the generation directory; {@code /} makes subdirectories
 * @param attributeName  the Nix attribute name, which the placeholder hashes; the manifest's optional
 *                       {@code attributeName} field, else {@code name} (sops-nix #688)
 * @param key            {@code /}-separated key inside the sops file; {@code ""} means the whole file
 * @param path           where the secret is visible; a value other than {@code <symlinkPath>/<name>} asks
 *                       for a symlink there
 * @param owner          user name, or empty to use {@code uid}
 * @param group          group name, or empty to use {@code gid}
 * @param mode           permission bits, at most 07777
 */
public record Secret(
        String name,
        String attributeName,
        String key,
        String path,
        Optional<String> owner,
        int uid,
        Optional<String> group,
        int gid,
        String sopsFile,
        Format format,
        int mode,
        List<String> restartUnits,
        List<String> reloadUnits,
        boolean neededForUsers,
        String sopsFileHash) implements Entry {

    public Secret {
        restartUnits = List.copyOf(restartUnits);
        reloadUnits = List.copyOf(reloadUnits);
    }

    /** The same secret with another {@code path} (used for {@code %r} expansion). */
    public Secret withPath(String newPath) {
        return new Secret(name, attributeName, key, newPath, owner, uid, group, gid, sopsFile, format, mode,
                restartUnits, reloadUnits, neededForUsers, sopsFileHash);
    }
}
