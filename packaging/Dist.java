import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Finishes target/dist at `mvn package` (run by the build's JDK 25 as a source-file program):
 * a Java runtime made by jlink from the modules jdeps finds in the jars, the launchers made from
 * packaging/launcher.sh.in, and the AOT caches trained by those launchers on that runtime.
 *
 * <p>Usage: {@code java packaging/Dist.java DIST INSTALLED_BIN INSTALL_HOME [EXTRA_MODULES]}. DIST/bin gets
 * launchers that find the runtime beside themselves (the tarball unpacks anywhere); INSTALLED_BIN gets the
 * same launchers with INSTALL_HOME written in (the .deb). EXTRA_MODULES (comma-separated) are those that
 * code reaches only by reflection or service lookup, which jdeps cannot see.
 */
public final class Dist {
    /** A command: its launcher's name, its main class, and the AOT cache it starts with. */
    record Command(String name, String main, String aot) {}

    static final List<Command> COMMANDS = List.of(
            new Command("secretsd", "io.secretsd.cli.Secretsd", "secretsd"),
            new Command("secretsctl", "io.secretsd.cli.Secretsctl", "secretsctl"),
            // The same classes as `secretsd activate`, so the daemon's cache serves it.
            new Command("sops-install-secrets", "io.secretsd.cli.SopsInstallSecrets", "secretsd"));

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            throw new IllegalArgumentException("usage: Dist DIST INSTALLED_BIN INSTALL_HOME EXTRA_MODULES");
        }
        Path dist = Path.of(args[0]).toAbsolutePath();
        Path installedBin = Path.of(args[1]).toAbsolutePath();
        String installHome = args[2];
        List<Path> jars = jars(dist.resolve("lib"));

        TreeSet<String> modules = new TreeSet<>(moduleDeps(jars));
        for (String m : (args.length > 3 ? args[3] : "").split(",")) {
            if (!m.isBlank()) modules.add(m.strip());
        }
        runtime(dist, String.join(",", modules));

        String template = Files.readString(Path.of("packaging/launcher.sh.in"));
        for (Command c : COMMANDS) {
            launcher(dist.resolve("bin"), c, template, jars,
                    "# Where this script lies, without a fork; through a symlink, the slow way.\n"
                    + "h=${0%/*}/..\n"
                    + "[ -x \"$h/runtime/bin/java\" ] || h=$(cd -P -- \"$(dirname -- \"$(readlink -f -- \"$0\")\")/..\" && pwd)");
            launcher(installedBin, c, template, jars, "h=" + installHome);
        }
        long t0 = System.nanoTime();
        train(dist, Map.of(), "secretsd", "demo", "--once");
        train(dist, Map.of(), "secretsctl", "demo", "--quiet");
        trainCommands(dist);
        System.out.printf("Dist: AOT training took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Our own jar first (its classes win), then the libraries smallest first. A class that the AOT cache lacks is
     * looked up jar by jar, each opened on the way: bcprov (6 MB, 6,000 entries) last, so that a miss in
     * snakeyaml or logback does not read its index first.
     */
    static List<Path> jars(Path lib) throws IOException {
        try (Stream<Path> s = Files.list(lib)) {
            List<Path> jars = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jar"))
                    .sorted(Comparator.comparingLong(Dist::size).thenComparing(Comparator.naturalOrder())).toList());
            Path own = lib.resolve("secretsd.jar");
            if (!jars.remove(own)) throw new IllegalStateException(own + ": missing");
            jars.addFirst(own);
            return jars;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> moduleDeps(List<Path> jars) {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(Runtime.version().feature())));
        jars.forEach(j -> args.add(j.toString()));
        String out = tool("jdeps", args);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.matches("[a-z0-9.,]+")) throw new IllegalStateException("jdeps printed no module list: " + out);
        return Arrays.asList(last.split(","));
    }

    /** jlink takes ~20 s on a busy machine, so an existing runtime of the same modules is kept. */
    static void runtime(Path dist, String modules) throws IOException, InterruptedException {
        Path runtime = dist.resolve("runtime");
        Path stamp = dist.resolveSibling("dist-runtime.modules");
        if (Files.isExecutable(runtime.resolve("bin/java")) && Files.exists(stamp)
                && Files.readString(stamp).equals(modules)) {
            System.out.println("Dist: runtime of " + modules + " is up to date");
            return;
        }
        delete(runtime);
        tool("jlink", List.of("--add-modules", modules, "--strip-debug", "--no-man-pages", "--no-header-files",
                "--output", runtime.toString()));
        stripNative(runtime);
        Files.writeString(stamp, modules);
        System.out.println("Dist: runtime of " + modules);
    }

    /**
     * The JDK's executables and libraries keep their symbol tables; a Debian package must not (policy 10.1), and
     * they are a quarter of the runtime's size. Only the dynamic symbols the loader needs stay. Linux only: the
     * macOS strip takes other options.
     */
    static void stripNative(Path runtime) throws IOException, InterruptedException {
        if (!System.getProperty("os.name").equals("Linux")) return;
        List<String> cmd = new ArrayList<>(List.of("strip", "--strip-unneeded"));
        try (Stream<Path> s = Files.walk(runtime)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (isElf(p)) cmd.add(p.toString());
            }
        }
        try {
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (exit != 0) throw new IllegalStateException("strip exited " + exit);
        } catch (IOException e) {
            System.out.println("Dist: WARNING: no strip (binutils): the runtime keeps its symbol tables");
        }
        // jlink copies the legal notices read-only (0444); packages install files as 0644
        try (Stream<Path> s = Files.walk(runtime.resolve("legal"))) {
            for (Path p : s.filter(q -> Files.isRegularFile(q, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    static boolean isElf(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            return Arrays.equals(in.readNBytes(4), new byte[] {0x7f, 'E', 'L', 'F'});
        }
    }

    static void launcher(Path bin, Command c, String template, List<Path> jars, String home) throws IOException {
        String cp = String.join(":", jars.stream().map(j -> "$h/lib/" + j.getFileName()).toList());
        String text = template.replace("@HOME@", home).replace("@NAME@", c.name()).replace("@MAIN@", c.main())
                .replace("@AOT@", c.aot()).replace("@CLASSPATH@", cp);
        Files.createDirectories(bin);
        Path f = bin.resolve(c.name());
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The caches of the commands that run most, each trained on that command's real work (the launcher picks
     * them by subcommand): on a scratch host (user mode unless root: the build needs no root), the one-shot
     * activation that a boot runs, a decryption, and a status query against a running daemon.
     */
    static void trainCommands(Path dist) throws Exception {
        Path host = dist.resolveSibling("aot-training-host");
        delete(host);
        Files.createDirectories(host);
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", host.toString());
        Path key = host.resolve("key.txt");
        if (run(dist, host, Map.of(), "secretsctl", "age", "keygen", "-o", key.toString()) != 0) return;
        String recipient = Files.readAllLines(key).stream().filter(l -> l.startsWith("# public key: "))
                .map(l -> l.substring("# public key: ".length())).findFirst().orElseThrow();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < 20; i++) plain.append("s").append(i).append(": training-value-").append(i).append('\n');
        // what real sops files hold besides strings: nesting, lists, numbers, booleans, multi-line text, and the
        // empty lists and maps (flow style: `kms: []` in every file sops 3.7 wrote) that the parser reads apart
        plain.append("nested:\n    a: 1\n    b: [x, y]\n    c: true\n    d: 1.5\n    e: |\n        two\n        lines\n")
                .append("none: []\nnothing: {}\n");
        Files.writeString(host.resolve("plain.yaml"), plain);
        Path sops = host.resolve("secrets.yaml");
        if (run(dist, host, Map.of(), "secretsctl", "encrypt", "--age", recipient, "-o", sops.toString(), "plain.yaml") != 0) return;
        Path changed = host.resolve("changed.yaml"); // the same values under a new data key: a change to re-render
        if (run(dist, host, Map.of(), "secretsctl", "encrypt", "--age", recipient, "-o", changed.toString(), "plain.yaml") != 0) return;
        Files.delete(host.resolve("plain.yaml"));
        Path manifest = host.resolve("manifest.json");
        Files.writeString(manifest, manifest(host, key, sops));

        // As root, what a boot runs: the system mode (a ramfs mount, owners and groups looked up, chown) in a
        // private mount namespace that vanishes with it. Otherwise the user mode, on the scratch folder.
        if (isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            Path system = host.resolve("manifest-system.json");
            Files.writeString(system, manifest(host, key, sops).replace("\"userMode\": true", "\"userMode\": false"));
            train(dist, env, List.of("/usr/bin/unshare", "-m", "--propagation", "private"), "secretsd", "activate", system.toString());
        } else {
            train(dist, env, "secretsd", "activate", manifest.toString());
        }
        train(dist, env, "secretsctl", "decrypt", "--age-key-file", key.toString(), sops.toString());

        Path socket = host.resolve("ctl.sock");
        // The daemon's own cache is trained on this run: its first activation, the status queries, a re-render.
        // Without method profiles: the daemon runs C1 only, and profiles would be mapped into it for nothing.
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/secretsd").toString(), "run", "--manifest", manifest.toString(),
                "--socket", socket.toString(), "--units", "none")
                .directory(host.toFile()).redirectErrorStream(true).redirectOutput(host.resolve("daemon.log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("SECRETSD_AOT_TRAIN", "1");
        pb.environment().put("SECRETSD_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining");
        Process daemon = pb.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!ready(host.resolve("daemon.log")) && daemon.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
            if (ready(host.resolve("daemon.log")) && Files.exists(socket)) {
                train(dist, env, "secretsctl", "status", "--socket", socket.toString());
                Files.move(changed, sops, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                while (!Files.readString(host.resolve("daemon.log")).contains(" entries anew") && daemon.isAlive()
                        && System.nanoTime() < deadline) Thread.sleep(50);
            } else {
                System.out.println("Dist: WARNING: no daemon to train secretsctl status against, see " + host.resolve("daemon.log"));
                return; // the host stays for a look
            }
        } finally {
            daemon.destroy(); // the daemon writes its cache as it exits
            if (!daemon.waitFor(120, TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor();
        }
        delete(host);
    }

    /** Whether the daemon logged that it activated and listens. */
    static boolean ready(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log).contains("ready: ");
    }

    /** A user-mode manifest of every secret in the training file and a template that uses two of them. */
    static String manifest(Path host, Path key, Path sops) throws NoSuchAlgorithmException {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            secrets.add("{\"name\": \"s" + i + "\", \"key\": \"s" + i + "\", \"sopsFile\": \"" + sops
                    + "\", \"format\": \"yaml\", \"mode\": \"0400\"}");
        }
        String p0 = placeholder("s0"), p1 = placeholder("s1");
        return """
                {"secrets": [%s],
                 "templates": [{"name": "app.env", "content": "A=%s\\nB=%s\\n", "mode": "0400"}],
                 "placeholderBySecretName": {"s0": "%s", "s1": "%s"},
                 "secretsMountPoint": "%s", "symlinkPath": "%s", "keepGenerations": 2,
                 "sshKeyPaths": [], "ageKeyFile": "%s", "ageSshKeyPaths": [],
                 "useTmpfs": false, "userMode": true, "logging": {"keyImport": true, "secretChanges": true}}
                """.formatted(String.join(",\n", secrets), p0, p1, p0, p1, host.resolve("secrets.d"), host.resolve("secrets"), key);
    }

    /** sops-nix's placeholder for a secret: its attribute name's SHA-256. */
    static String placeholder(String name) throws NoSuchAlgorithmException {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        return "<SOPS:" + HexFormat.of().formatHex(h) + ":PLACEHOLDER>";
    }

    static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }

    static void train(Path dist, Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        train(dist, env, List.of(), command, args);
    }

    /** An untrained command still runs, only slower to start: a failed training warns, never fails the build. */
    static void train(Path dist, Map<String, String> env, List<String> prefix, String command, String... args)
            throws IOException, InterruptedException {
        Map<String, String> training = new HashMap<>(env);
        training.put("SECRETSD_AOT_TRAIN", "1");
        int exit = run(dist, dist.getParent(), training, prefix, command, args);
        if (exit != 0) System.out.println("Dist: WARNING: AOT training of " + command + " " + args[0] + " exited " + exit);
    }

    static int run(Path dist, Path dir, Map<String, String> env, String command, String... args)
            throws IOException, InterruptedException {
        return run(dist, dir, env, List.of(), command, args);
    }

    /** Runs a launcher of DIST in {@code dir} (after {@code prefix}), its output in target/aot-training-COMMAND-VERB.log. */
    static int run(Path dist, Path dir, Map<String, String> env, List<String> prefix, String command, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(dist.resolve("bin").resolve(command).toString());
        cmd.addAll(List.of(args));
        Path log = dist.resolveSibling("aot-training-" + command + "-" + args[0] + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("SECRETSD_AOT_TRAIN");
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        if (exit != 0) System.out.println("Dist: WARNING: " + String.join(" ", cmd) + " exited " + exit + ", see " + log);
        return exit;
    }

    static String tool(String name, List<String> args) {
        ToolProvider t = ToolProvider.findFirst(name).orElseThrow(() -> new IllegalStateException(name + ": not in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int exit = t.run(ps, ps, args.toArray(String[]::new));
            String text = out.toString(StandardCharsets.UTF_8);
            if (exit != 0) throw new IllegalStateException(name + " exited " + exit + ": " + text);
            return text;
        }
    }

    static void delete(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(q);
        }
    }
}
