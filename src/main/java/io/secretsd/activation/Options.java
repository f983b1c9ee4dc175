package io.secretsd.activation;

import io.secretsd.manifest.CheckMode;
import io.secretsd.platform.Platform;
import io.secretsd.platform.Programs;
import io.secretsd.platform.RuntimeDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to run one activation.
 *
 * @param checkMode           {@code off} installs; the others only validate
 * @param ignorePasswd        everything owned by root (0:0), no user lookups ({@code -ignore-passwd})
 * @param dryRun              compute and report the changes, write nothing ({@code NIXOS_ACTION=dry-activate})
 * @param runtimeDir          finds {@code %r} for user mode ({@code $XDG_RUNTIME_DIR}; on macOS getconf's)
 * @param restartViaSystemctl hand units to {@code systemctl --no-block} instead of the NixOS lists
 *                            ({@code SOPS_RESTART_UNITS_VIA_SYSTEMCTL=1})
 * @param nixosRunDir         where the {@code activation-restart-list} files go ({@code /run/nixos})
 * @param pruneLater          leave the generations pruning would remove after the switch to a later
 *                            {@link Activation#prune}: the daemon prunes once the new secrets are in place,
 *                            off the path between a change and its secrets
 * @param spare               the daemon's {@link SpareGeneration}: with {@code pruneLater}, the generation a
 *                            change was built from is recycled into the next one instead of being pruned
 */
public record Options(
        CheckMode checkMode,
        boolean ignorePasswd,
        boolean dryRun,
        RuntimeDirectory runtimeDir,
        boolean restartViaSystemctl,
        Path nixosRunDir,
        Mounter mounter,
        UserDb userDb,
        CommandRunner commands,
        StepHook hook,
        int parallelism,
        boolean handOverUnits,
        boolean pruneLater,
        Optional<SpareGeneration> spare) {

    /** The settings sops-install-secrets takes from its environment, with the platform's mounter and {@code %r}. */
    public static Options fromEnvironment(Platform platform, Map<String, String> env) {
        Programs programs = Programs.fromEnvironment(env);
        return new Options(CheckMode.OFF, false, "dry-activate".equals(env.get("NIXOS_ACTION")),
                RuntimeDirectory.of(platform, env, programs),
                "1".equals(env.get("SOPS_RESTART_UNITS_VIA_SYSTEMCTL")), Path.of("/run/nixos"),
                Mounter.forPlatform(platform, programs), new SystemUserDb(), CommandRunner.SYSTEM, StepHook.NONE,
                Math.max(1, Runtime.getRuntime().availableProcessors()), true, false, Optional.empty());
    }

    public Options withCheckMode(CheckMode m) {
        return new Options(m, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withIgnorePasswd(boolean b) {
        return new Options(checkMode, b, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withDryRun(boolean b) {
        return new Options(checkMode, ignorePasswd, b, runtimeDir, restartViaSystemctl, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withRuntimeDir(Optional<String> dir) {
        return withRuntimeDir(RuntimeDirectory.fixed(dir));
    }

    public Options withRuntimeDir(RuntimeDirectory dir) {
        return new Options(checkMode, ignorePasswd, dryRun, dir, restartViaSystemctl, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withRestartViaSystemctl(boolean b) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, b, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withNixosRunDir(Path p) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, p, mounter, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withMounter(Mounter m) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, m, userDb,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withUserDb(UserDb u) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter, u,
                commands, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    public Options withCommands(CommandRunner c) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter,
                userDb, c, hook, parallelism, handOverUnits, pruneLater, spare);
    }

    /**
     * False when the caller restarts units itself (the daemon, over D-Bus) from the result's outcomes; such a
     * caller also gets the change lines in user mode, where sops-install-secrets prints none.
     */
    public Options withHandOverUnits(boolean b) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter, userDb,
                commands, hook, parallelism, b, pruneLater, spare);
    }

    public Options withPruneLater(boolean b) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter,
                userDb, commands, hook, parallelism, handOverUnits, b, spare);
    }

    public Options withSpare(Optional<SpareGeneration> s) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter,
                userDb, commands, hook, parallelism, handOverUnits, pruneLater, s);
    }

    public Options withHook(StepHook h) {
        return new Options(checkMode, ignorePasswd, dryRun, runtimeDir, restartViaSystemctl, nixosRunDir, mounter,
                userDb, commands, h, parallelism, handOverUnits, pruneLater, spare);
    }
}
