package io.secretsd.sops;

import java.util.List;

/** Master keys that each hold the same part of the data key: the whole key with one group, share i in group i. */
public record KeyGroup(List<MasterKey> keys) {
    public KeyGroup {
        keys = List.copyOf(keys);
    }
}
