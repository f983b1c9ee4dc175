package io.secretsd.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides from peer credentials: root and the daemon's own user may do everything; members of the
 * status group may read; everyone else nothing. Membership is a group the kernel gave with the peer's
 * credentials (on Linux only the primary gid; macOS adds the supplementary groups, which matters there as
 * /etc/group lists few of them), or the peer user's primary group or supplementary membership in
 * /etc/passwd and /etc/group. The files are re-read when they change, not on every call.
 */
public final class AccessPolicy {
    /** No status group: only root and the daemon's user. */
    public static final long NO_GROUP = -1;

    private final long daemonUid;
    private final long statusGid;
    private final Path passwdFile;
    private final Path groupFile;
    private volatile Members members;

    private record Members(Object passwdKey, Object groupKey, Set<Long> uids) {}

    public AccessPolicy(long daemonUid, long statusGid, Path passwdFile, Path groupFile) {
        this.daemonUid = daemonUid;
        this.statusGid = statusGid;
        this.passwdFile = passwdFile;
        this.groupFile = groupFile;
    }

    /** Root and the daemon's own user only. */
    public static AccessPolicy ownerOnly() {
        return new AccessPolicy(currentUid(), NO_GROUP, Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** Root, the daemon's user, and members of {@code group} (a name from /etc/group, or a number). */
    public static AccessPolicy withStatusGroup(String group) throws IOException {
        Path groupFile = Path.of("/etc/group");
        return new AccessPolicy(currentUid(), resolveGroup(group, groupFile), Path.of("/etc/passwd"), groupFile);
    }

    /** The gid of a group name in a group(5) file, or the number itself. */
    public static long resolveGroup(String group, Path groupFile) throws IOException {
        if (!group.isEmpty() && group.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(group);
            } catch (NumberFormatException e) {
                throw new IOException("status group " + group + ": number out of range");
            }
        }
        for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(group)) {
                try {
                    return Long.parseLong(f[2]);
                } catch (NumberFormatException e) {
                    throw new IOException(groupFile + ": group " + group + " has no numeric gid");
                }
            }
        }
        throw new IOException(groupFile + ": no group named " + group);
    }

    /** This process's uid (Linux and macOS alike, unlike /proc/self). */
    static long currentUid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    public Access decide(PeerCredentials peer) {
        if (peer.uid() == 0 || peer.uid() == daemonUid) return Access.FULL;
        if (statusGid == NO_GROUP) return Access.DENIED;
        if (peer.groups().contains(statusGid)) return Access.READ;
        try {
            return members().contains(peer.uid()) ? Access.READ : Access.DENIED;
        } catch (IOException e) {
            // An unreadable user database grants nothing beyond what the kernel vouched for.
            return Access.DENIED;
        }
    }

    private Set<Long> members() throws IOException {
        Object pk = key(passwdFile);
        Object gk = key(groupFile);
        Members m = members;
        if (m != null && m.passwdKey().equals(pk) && m.groupKey().equals(gk)) return m.uids();
        m = new Members(pk, gk, load());
        members = m;
        return m.uids();
    }

    private static Object key(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private Set<Long> load() throws IOException {
        Map<String, Long> uidByName = new HashMap<>();
        Set<Long> uids = new HashSet<>();
        if (Files.exists(passwdFile)) {
            for (String line : Files.readAllLines(passwdFile, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length < 4) continue;
                try {
                    long uid = Long.parseLong(f[2]);
                    uidByName.putIfAbsent(f[0], uid);
                    if (Long.parseLong(f[3]) == statusGid) uids.add(uid);
                } catch (NumberFormatException e) {
                    // a malformed line names nobody
                }
            }
        }
        if (Files.exists(groupFile)) {
            for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length < 4 || !f[2].equals(Long.toString(statusGid)) || f[3].isEmpty()) continue;
                for (String user : f[3].split(",")) {
                    Long uid = uidByName.get(user.trim());
                    if (uid != null) uids.add(uid);
                }
            }
        }
        return Set.copyOf(uids);
    }
}
