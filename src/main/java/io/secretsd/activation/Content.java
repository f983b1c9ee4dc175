package io.secretsd.activation;

import java.util.Arrays;

/** What a planned file will hold: bytes with their owner, or the reason it cannot be installed. */
public sealed interface Content {
    /** The plaintext (wiped by {@link Plan#wipe()}) and the numeric owner and group. */
    record Ready(byte[] bytes, int uid, int gid) implements Content {
        @Override
        public String toString() {
            return "Ready[" + bytes.length + " bytes, uid=" + uid + ", gid=" + gid + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ready r && Arrays.equals(bytes, r.bytes) && uid == r.uid && gid == r.gid;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(bytes) + uid) + gid;
        }
    }

    /** The current generation's file, hard-linked as it is: neither decrypted nor read (an incremental activation). */
    record Carried(int uid, int gid) implements Content {
    }

    /** {@code cause} names the file and field; it never holds secret material. */
    record Failed(String cause) implements Content {
    }
}
