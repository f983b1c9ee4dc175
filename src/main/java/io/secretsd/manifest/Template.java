package io.secretsd.manifest;

import java.util.List;
import java.util.Optional;

/**
 * One entry of the manifest's {@code templates}: text with placeholders, rendered to
 * {@code <generation>/rendered/<name>}. The text is {@code content} when non-empty, else the file {@code file}.
 */
public record Template(
        String name,
        String content,
        Optional<String> file,
        String path,
        Optional<String> owner,
        int uid,
        Optional<String> group,
        int gid,
        int mode,
        List<String> restartUnits,
        List<String> reloadUnits) implements Entry {

    public Template {
        restartUnits = List.copyOf(restartUnits);
        reloadUnits = List.copyOf(reloadUnits);
    }

    public Template withPath(String newPath) {
        return new Template(name, content, file, newPath, owner, uid, group, gid, mode, restartUnits, reloadUnits);
    }
}
