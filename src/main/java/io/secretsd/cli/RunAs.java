package io.secretsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An account a command runs as ({@code --user}), as sops switches to it: the account's uid, primary gid and
 * supplementary groups, and its HOME, USER and LOGNAME. The JVM cannot change its own identity for a child, so
 * the command is started through util-linux {@code setpriv}; accounts are looked up with {@code getent}, which
 * asks NSS as sops' {@code os/user} does.
 */
record RunAs(String name, long uid, long gid, String home) {
    static RunAs lookup(String user) throws IOException, InterruptedException {
        if (user.isEmpty() || user.startsWith("-")) throw new UsageException("--user " + user + ": not a user name");
        Process p = new ProcessBuilder("getent", "passwd", user).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) throw new UsageException("--user " + user + ": no such user");
        String[] f = out.split(":", -1);
        if (f.length < 7) throw new IOException("--user " + user + ": getent printed an unexpected passwd entry");
        try {
            return new RunAs(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5]);
        } catch (NumberFormatException e) {
            throw new IOException("--user " + user + ": getent printed an unexpected passwd entry");
        }
    }

    /** {@code command} prefixed so it runs as this account. */
    List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
        argv.addAll(command);
        return argv;
    }

    /** Sets what sops sets for the account in the command's environment. */
    void environment(Map<String, String> env) {
        env.put("HOME", home);
        env.put("USER", name);
        env.put("LOGNAME", name);
    }

    /** Hands a file the command must open to the account (the directory holding it too). */
    void own(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Only root may switch to another account; saying so beats setpriv's "Operation not permitted". */
    void checkAllowed() {
        long me = new com.sun.security.auth.module.UnixSystem().getUid();
        if (me != 0 && me != uid) throw new UsageException("--user " + name + ": running a command as another user needs root");
    }
}
