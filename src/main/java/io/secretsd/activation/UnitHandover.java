package io.secretsd.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands units whose secrets changed to whoever restarts them, as sops-install-secrets does: appended to
 * {@code /run/nixos/activation-restart-list} and {@code -reload-list} for switch-to-configuration (only if
 * {@code /run/nixos} exists), or, with {@code SOPS_RESTART_UNITS_VIA_SYSTEMCTL=1}, given to
 * {@code systemctl --no-block try-restart} / {@code try-reload-or-restart}.
 */
final class UnitHandover {
    private final Options options;

    UnitHandover(Options options) {
        this.options = options;
    }

    /** Returns notices (dry-run "would restart X"); throws when a list cannot be written or systemctl fails. */
    List<String> handOver(List<String> restart, List<String> reload, boolean dry) throws IOException {
        List<String> notices = new ArrayList<>();
        if (options.restartViaSystemctl()) {
            if (dry) {
                restart.forEach(u -> notices.add("would restart " + u));
                reload.forEach(u -> notices.add("would reload " + u));
                return notices;
            }
            systemctl("try-restart", restart);
            systemctl("try-reload-or-restart", reload);
            return notices;
        }
        String prefix = dry ? "dry-activation" : "activation";
        append(options.nixosRunDir().resolve(prefix + "-restart-list"), restart);
        append(options.nixosRunDir().resolve(prefix + "-reload-list"), reload);
        return notices;
    }

    private void systemctl(String verb, List<String> units) throws IOException {
        if (units.isEmpty()) {
            return;
        }
        // The manifest admits only names of systemd's grammar; "--" keeps even "-.slice" from being an option.
        List<String> argv = new ArrayList<>(List.of("systemctl", "--no-block", verb, "--"));
        argv.addAll(units);
        int rc = options.commands().run(argv);
        if (rc != 0) {
            throw new IOException("systemctl --no-block " + verb + " " + String.join(" ", units) + " exited with " + rc);
        }
    }

    private static void append(Path file, List<String> units) throws IOException {
        if (units.isEmpty() || !Files.isDirectory(file.getParent())) {
            return;
        }
        StringBuilder b = new StringBuilder();
        units.forEach(u -> b.append(u).append('\n'));
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(SecureFiles.perms(0600)));
            } catch (java.nio.file.FileAlreadyExistsException ignored) {
                // created meanwhile: append below
            }
        }
        Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
