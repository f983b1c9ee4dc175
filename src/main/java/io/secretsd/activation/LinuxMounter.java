package io.secretsd.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Mounts with the {@code mount} program: {@code ramfs} with {@code mode=0751} and nodev,nosuid,noexec, or with
 * {@code useTmpfs} a {@code tmpfs} with {@code noswap} (retried without it on kernels before 6.4).
 * Whether something is mounted already is read from {@code /proc/self/mountinfo}.
 */
public final class LinuxMounter implements Mounter {
    private final Path mountinfo;

    public LinuxMounter() {
        this(Path.of("/proc/self/mountinfo"));
    }

    LinuxMounter(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    @Override
    public void ensureMounted(Path mountPoint, boolean useTmpfs) throws IOException {
        Path real = mountPoint.toRealPath();
        Optional<String> fs = fsType(real);
        if (fs.isPresent() && (fs.get().equals("ramfs") || fs.get().equals("tmpfs"))) {
            return;
        }
        if (useTmpfs) {
            if (mount(real, "tmpfs", "mode=0751,noswap") != 0) {
                run(real, "tmpfs", "mode=0751");
            }
        } else {
            run(real, "ramfs", "mode=0751");
        }
    }

    /** The type of the file system mounted exactly at {@code dir} (the last such mount wins), if any. */
    Optional<String> fsType(Path dir) throws IOException {
        String want = dir.toString();
        Optional<String> found = Optional.empty();
        List<String> lines = Files.readAllLines(mountinfo, StandardCharsets.UTF_8);
        for (String line : lines) {
            // id parent major:minor root mountpoint options [optional...] - fstype source superopts
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 1 >= f.length) {
                continue;
            }
            if (unescape(f[4]).equals(want)) {
                found = Optional.of(f[dash + 1]);
            }
        }
        return found;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void run(Path dir, String type, String options) throws IOException {
        if (mount(dir, type, options) != 0) {
            throw new IOException("cannot mount " + type + " at " + dir + ": " + lastError);
        }
    }

    private String lastError = "";

    private int mount(Path dir, String type, String options) throws IOException {
        Process p = new ProcessBuilder("mount", "-t", type, "-o", "nodev,nosuid,noexec," + options, "none",
                dir.toString()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mount at " + dir + " timed out");
            }
            lastError = out.isEmpty() ? "mount exited with " + p.exitValue() : out;
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting " + dir, e);
        }
    }
}
