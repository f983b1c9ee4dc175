package io.secretsd.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A private dbus-daemon (Debian package dbus) on a path socket, for tests; stopped by close(). */
public final class PrivateDbus implements AutoCloseable {
    private final Process process;
    public final String address;

    public PrivateDbus(Path dir) throws IOException {
        String daemon = Proc.require("dbus-daemon");
        process = new ProcessBuilder(daemon, "--session", "--nofork", "--print-address",
                "--address=unix:path=" + dir.resolve("bus"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("unix:")) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon printed no address: " + line);
        }
        address = line.trim();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
