package io.secretsd.control;

import java.util.List;
import java.util.stream.LongStream;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * Who is at the other end of a Unix socket, as the kernel saw it at connect time: Linux's SO_PEERCRED (pid,
 * uid, gid) or macOS's LOCAL_PEERCRED and LOCAL_PEERPID, which also carry the peer's groups (up to 16).
 *
 * @param groups every gid the kernel vouched for, the primary one included: only that on Linux
 */
public record PeerCredentials(long pid, long uid, long gid, List<Long> groups) {
    public PeerCredentials {
        groups = List.copyOf(groups);
    }

    public PeerCredentials(long pid, long uid, long gid) {
        this(pid, uid, gid, List.of(gid));
    }

    /** What junixsocket read from the kernel; a missing group list is the primary gid alone. */
    static PeerCredentials of(AFUNIXSocketCredentials c) {
        long[] gids = c.getGids();
        LongStream all = LongStream.concat(LongStream.of(c.getGid()), gids == null ? LongStream.empty() : LongStream.of(gids));
        return new PeerCredentials(c.getPid(), c.getUid(), c.getGid(), all.distinct().boxed().toList());
    }
}
