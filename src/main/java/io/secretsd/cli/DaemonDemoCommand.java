package io.secretsd.cli;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Mounter;
import io.secretsd.activation.Options;
import io.secretsd.activation.Placeholders;
import io.secretsd.control.AccessPolicy;
import io.secretsd.control.ControlClient;
import io.secretsd.control.ControlEvent;
import io.secretsd.control.ControlServer;
import io.secretsd.control.EntryStatus;
import io.secretsd.control.Json;
import io.secretsd.daemon.Units;
import io.secretsd.platform.Platform;
import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import io.secretsd.ssh.OpenSshKeyWriter;
import io.secretsd.ssh.SshToAge;
import io.secretsd.watch.WatchOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code secretsd demo}: the README's first command. With no root and no setup, the real daemon runs in
 * user mode on a scratch folder: a host SSH key, sops files encrypted to it, a live change re-rendered and
 * reported over the control socket. Made-up values only, and never printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the daemon on a scratch folder with example secrets: no root, no setup.")
final class DaemonDemoCommand implements Callable<Integer> {
    /** The example values (made up); the tour prints their lengths, never them. */
    static final String DB_PASSWORD = "demo-db-password-Vq7KzP2m";
    static final String API_TOKEN = "demo-api-token-Hx4Lw9Tc";
    static final String DB_PASSWORD_ROTATED = "demo-db-password-rotated-Rj3Nb8Fy";

    @Option(names = "--once", description = "exit after the tour instead of waiting for Ctrl-C")
    boolean once;

    @Option(names = "--keep", description = "keep the scratch folder")
    boolean keep;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private DaemonWiring wiring;
    private ControlServer server;
    private boolean done;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("secretsd-demo-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return tour(dir);
        } finally {
            shutDown(dir);
            out.flush();
        }
    }

    /** Stops the daemon and the socket and removes the folder; once, whether from the end of the tour or Ctrl-C. */
    private synchronized void shutDown(Path dir) {
        if (done) return;
        done = true;
        if (wiring != null) wiring.daemon.close();
        try {
            if (server != null) server.close();
            if (!keep) deleteTree(dir);
        } catch (IOException e) {
            System.err.println("secretsd demo: cleaning up " + dir + ": " + e.getMessage());
        }
    }

    private int tour(Path dir) throws Exception {
        step("1. scratch folder " + dir + " (user mode: no root, no mount, no chown)");

        step("2. generate a host SSH key, as `ssh-keygen -t ed25519 -N '' -f ssh_host_ed25519_key`");
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        OpenSshKeyWriter.Generated key = OpenSshKeyWriter.generateEd25519("demo@secretsd");
        KeyFiles.writePrivate(hostKey, key.privateKeyFile());
        Arrays.fill(key.privateKeyFile(), (byte) 0);
        Files.writeString(dir.resolve("ssh_host_ed25519_key.pub"), key.publicKey().authorizedKey() + " demo@secretsd\n");
        String recipient = SshToAge.recipient(key.publicKey());
        out.println("   " + hostKey + " (mode 0600), " + key.publicKey().type() + " " + key.publicKey().fingerprint());
        out.println("   its age recipient, as `ssh-to-age < ssh_host_ed25519_key.pub`: " + recipient);

        step("3. encrypt example secrets to it, as `secretsctl encrypt --age " + shortRecipient(recipient) + " secrets.yaml`");
        Path sopsFile = dir.resolve("secrets.yaml");
        writeSops(sopsFile, recipient, DB_PASSWORD);
        out.println("   " + sopsFile + ": db/password, api_token (made-up values), " + Files.size(sopsFile) + " bytes");

        step("4. a sops-nix manifest in user mode, with a template that uses both secrets");
        Path mount = dir.resolve("secrets.d");
        Path link = dir.resolve("secrets");
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, manifest(hostKey, sopsFile, mount, link));
        out.println("   " + manifest + ": 2 secrets, template app.env, ageSshKeyPaths = [" + hostKey + "]");

        step("5. start the daemon on it, as `secretsd run --manifest manifest.json --socket ctl.sock`");
        Map<String, String> env = System.getenv();
        // No RAM disk for a scratch folder, not even on macOS where user mode mounts one: nothing to detach after.
        Options options = Options.fromEnvironment(Platform.current(), env).withRuntimeDir(Optional.of(dir.toString()))
                .withMounter(Mounter.NONE);
        wiring = new DaemonWiring(manifest, options, env, WatchOptions.defaults(), Units.NONE, List.of());
        Path socket = dir.resolve("ctl.sock");
        server = ControlServer.start(socket, wiring.service(AccessPolicy.ownerOnly()), ControlServer.Limits.DEFAULT);
        ControlClient listener = null;
        try {
            ActivationResult first = wiring.daemon.start();
            out.println("   generation " + first.generation() + " installed; " + link + " -> " + Files.readSymbolicLink(link));

            step("6. `secretsctl status --socket ctl.sock`:");
            status(socket);

            step("7. subscribe to events, as `secretsctl events --socket ctl.sock` does");
            BlockingQueue<ControlEvent> events = new LinkedBlockingQueue<>();
            ControlClient subscription = ControlClient.connect(socket);
            listener = subscription;
            Thread.ofVirtual().name("demo-events").start(() -> {
                try {
                    subscription.events(events::add);
                } catch (IOException ignored) {
                    // closed at the end of the tour
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (wiring.events.subscribers() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            out.println("   subscribed (" + wiring.events.subscribers() + " subscriber)");

            step("8. change db/password: re-encrypt secrets.yaml and rename it over the old one, as an editor or deploy would");
            Path dbPath = link.resolve("db-password");
            Path envPath = link.resolve("rendered/app.env");
            byte[] dbBefore = digest(dbPath);
            byte[] envBefore = digest(envPath);
            long envSizeBefore = Files.size(envPath);
            long dbSizeBefore = Files.size(dbPath);
            Instant changedAt = Instant.now();
            Path tmp = dir.resolve(".secrets.yaml.new");
            writeSops(tmp, recipient, DB_PASSWORD_ROTATED);
            Files.move(tmp, sopsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            step("9. the daemon re-renders; the event, as `secretsctl events` prints it:");
            boolean secretSeen = false;
            boolean templateSeen = false;
            long generation = -1;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(secretSeen && templateSeen)) {
                ControlEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) throw new IOException("demo: no change event within 30 s of rewriting " + sopsFile);
                out.println("   " + EventsCommand.line(e));
                if (e instanceof ControlEvent.Failed f) throw new IOException("demo: the re-render failed: " + f.error());
                ControlEvent.Changed c = (ControlEvent.Changed) e;
                generation = c.generation();
                if (c.kind() == EntryStatus.Kind.SECRET && c.name().equals("db-password")) secretSeen = true;
                if (c.kind() == EntryStatus.Kind.TEMPLATE && c.name().equals("app.env")) templateSeen = true;
            }
            long millis = Duration.between(changedAt, Instant.now()).toMillis();
            out.println("   generation " + generation + ", " + millis + " ms after the rename; " + link + " -> " + Files.readSymbolicLink(link));
            out.println("   " + dbPath + ": " + dbSizeBefore + " -> " + Files.size(dbPath) + " bytes, content "
                    + (MessageDigest.isEqual(dbBefore, digest(dbPath)) ? "unchanged" : "changed"));
            out.println("   " + envPath + " (template): re-rendered, " + envSizeBefore + " -> " + Files.size(envPath)
                    + " bytes, content " + (MessageDigest.isEqual(envBefore, digest(envPath)) ? "unchanged" : "changed"));

            step("10. `secretsctl status` again:");
            status(socket);
            listener.close();

            if (once) {
                out.println("\nTour done (--once): the daemon stops" + (keep ? "; files kept in " + dir : " and the folder is removed") + ".");
                return Cli.OK;
            }
            out.println("\nThe daemon keeps running: edit the files in " + dir + " or run `secretsctl status --socket "
                    + socket + "`. Ctrl-C stops it" + (keep ? "." : " and removes the folder."));
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shutDown(dir);
                stopped.countDown();
            }, "secretsd-demo-stop"));
            stopped.await();
            return Cli.OK;
        } finally {
            if (listener != null) listener.close();
        }
    }

    private void step(String s) {
        out.println(s);
        out.flush();
    }

    private void status(Path socket) throws IOException {
        try (ControlClient c = ControlClient.connect(socket)) {
            StatusCommand.print(new PrintWriter(new IndentWriter(out), true), c.status(), Instant.now());
        }
        out.flush();
    }

    private static void writeSops(Path file, String recipient, String dbPassword) throws IOException {
        byte[] yaml = ("""
                # made-up example values, not real secrets
                db:
                    password: %s
                api_token: %s
                """).formatted(dbPassword, API_TOKEN).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] enc = Sops.encrypt(file.getFileName().toString(), yaml, Format.YAML, Format.YAML,
                    EncryptOptions.to(List.of(AgeKeyWrapper.of(recipient))));
            Files.write(file, enc);
        } finally {
            Arrays.fill(yaml, (byte) 0);
        }
    }

    private static String manifest(Path hostKey, Path sopsFile, Path mount, Path link) {
        Map<String, Object> db = secret("db-password", "db/password", sopsFile, link);
        Map<String, Object> api = secret("api-token", "api_token", sopsFile, link);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", "app.env");
        template.put("content", "DATABASE_URL=postgres://app:" + Placeholders.of("db-password") + "@localhost/app\nAPI_TOKEN="
                + Placeholders.of("api-token") + "\n");
        template.put("path", link.resolve("rendered/app.env").toString());
        template.put("mode", "0400");
        template.put("restartUnits", List.of());
        template.put("reloadUnits", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("secrets", List.of(db, api));
        m.put("templates", List.of(template));
        m.put("placeholderBySecretName", Map.of("db-password", Placeholders.of("db-password"), "api-token", Placeholders.of("api-token")));
        m.put("secretsMountPoint", mount.toString());
        m.put("symlinkPath", link.toString());
        m.put("keepGenerations", 5);
        m.put("sshKeyPaths", List.of());
        m.put("ageKeyFile", "");
        m.put("ageSshKeyPaths", List.of(hostKey.toString()));
        m.put("useTmpfs", false);
        m.put("userMode", true);
        m.put("logging", Map.of("keyImport", true, "secretChanges", true));
        return Json.write(m) + "\n";
    }

    private static Map<String, Object> secret(String name, String key, Path sopsFile, Path link) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("key", key);
        s.put("path", link.resolve(name).toString());
        s.put("sopsFile", sopsFile.toString());
        s.put("format", "yaml");
        s.put("mode", "0400");
        s.put("restartUnits", List.of());
        s.put("reloadUnits", List.of());
        return s;
    }

    private static String shortRecipient(String r) {
        return r.substring(0, 12) + "…";
    }

    /** SHA-256 of an installed file, compared but never printed (a short secret's hash could be guessed). */
    private static byte[] digest(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Indents the status table under its step. */
    private static final class IndentWriter extends java.io.Writer {
        private final PrintWriter to;
        private boolean lineStart = true;

        IndentWriter(PrintWriter to) {
            this.to = to;
        }

        @Override
        public void write(char[] c, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (lineStart && c[i] != '\n') to.write("   ");
                to.write(c[i]);
                lineStart = c[i] == '\n';
            }
        }

        @Override
        public void flush() {
            to.flush();
        }

        @Override
        public void close() {
            to.flush();
        }
    }
}
