package io.secretsd.sops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Recovers a file's data key from its key groups ({@code GetDataKeyWithKeyServices}): within a group the
 * first key that opens wins, tried age first, then pgp, then the rest in file order; with several groups the
 * shares of at least {@code shamir_threshold} groups are combined. Also the reverse, for writing.
 */
public final class DataKeys {
    private DataKeys() {}

    public static final int KEY_SIZE = 32;

    /** Recovers the 32-byte data key (caller wipes). {@code file} names the file in messages. */
    public static byte[] recover(Metadata md, DataKeySource source, String file) throws SopsException {
        List<KeyGroup> groups = md.keyGroups();
        int needed = groups.size() == 1 ? 1 : (md.shamirThreshold() == 0 ? groups.size() : md.shamirThreshold());
        List<DataKeyException.Attempt> attempts = new ArrayList<>();
        List<byte[]> parts = new ArrayList<>();
        try {
            for (int g = 0; g < groups.size() && parts.size() < needed; g++) {
                String prefix = groups.size() > 1 ? "group " + (g + 1) + ": " : "";
                for (MasterKey k : tryOrder(groups.get(g))) {
                    try {
                        byte[] part = source.open(k);
                        int expected = groups.size() == 1 ? KEY_SIZE : KEY_SIZE + 1;
                        if (part == null || part.length != expected) {
                            attempts.add(new DataKeyException.Attempt(prefix + k.describe(),
                                    "decrypted to " + (part == null ? 0 : part.length) + " bytes, expected " + expected));
                            if (part != null) Arrays.fill(part, (byte) 0);
                            continue;
                        }
                        parts.add(part);
                        break;
                    } catch (KeyUnwrapException e) {
                        attempts.add(new DataKeyException.Attempt(prefix + k.describe(), e.getMessage()));
                    } catch (RuntimeException e) {
                        // a key source bug must not escape as an unchecked exception from a file parser
                        attempts.add(new DataKeyException.Attempt(prefix + k.describe(), "internal error (" + e.getClass().getSimpleName() + ")"));
                    }
                }
            }
            if (parts.size() < needed) throw failure(md, file, attempts, parts.size(), needed);
            if (groups.size() == 1) return parts.getFirst().clone();
            return Shamir.combine(parts);
        } finally {
            for (byte[] p : parts) Arrays.fill(p, (byte) 0);
        }
    }

    private static List<MasterKey> tryOrder(KeyGroup g) {
        List<MasterKey> keys = new ArrayList<>(g.keys());
        keys.sort(Comparator.comparingInt(k -> k instanceof MasterKey.AgeKey ? 0 : k instanceof MasterKey.PgpKey ? 1 : 2));
        return keys;
    }

    private static DataKeyException failure(Metadata md, String file, List<DataKeyException.Attempt> attempts, int have, int needed) {
        boolean onlyPgp = md.keyGroups().stream().flatMap(g -> g.keys().stream()).allMatch(k -> k instanceof MasterKey.PgpKey);
        boolean pgpUnsupported = attempts.stream().anyMatch(a -> a.reason().equals(KeySources.PGP_NOT_SUPPORTED));
        String why;
        if (onlyPgp && pgpUnsupported) {
            why = file + ": cannot decrypt: the data key is encrypted only to PGP keys, and PGP is not supported yet";
        } else if (md.keyGroups().size() > 1) {
            why = file + ": cannot decrypt: recovered the key parts of " + have + " key group(s), " + needed + " needed";
        } else {
            why = file + ": cannot decrypt the data key: no master key opened it";
        }
        return new DataKeyException(why, attempts);
    }

    /** What makes a master key entry for writing: encrypts a data key or share to one recipient. */
    @FunctionalInterface
    public interface KeyWrapper {
        MasterKey wrap(byte[] keyOrShare) throws java.io.IOException;
    }

    /**
     * Encrypts a data key to key groups: every key of the only group gets the whole key; with several groups,
     * group i gets share i of a Shamir split with the threshold (0 means all groups).
     */
    public static List<KeyGroup> seal(byte[] dataKey, List<List<KeyWrapper>> groups, int threshold) throws java.io.IOException {
        if (groups.isEmpty()) throw new IllegalArgumentException("empty key group provided");
        byte[][] parts;
        if (groups.size() == 1) {
            parts = new byte[][] {dataKey.clone()};
        } else {
            int t = threshold == 0 ? groups.size() : threshold;
            if (t > groups.size()) throw new IllegalArgumentException("Shamir threshold " + t + " exceeds the " + groups.size() + " key groups");
            parts = Shamir.split(dataKey, groups.size(), t);
        }
        try {
            List<KeyGroup> out = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).isEmpty()) throw new IllegalArgumentException("empty key group provided");
                List<MasterKey> keys = new ArrayList<>();
                for (KeyWrapper w : groups.get(i)) keys.add(w.wrap(parts[i]));
                out.add(new KeyGroup(keys));
            }
            return out;
        } finally {
            for (byte[] p : parts) Arrays.fill(p, (byte) 0);
        }
    }
}
