package io.secretsd.activation;

import java.util.Arrays;
import java.util.List;

/** Every file of the next generation, decrypted and rendered, before anything is written. */
public record Plan(List<PlannedFile> files) {
    public Plan {
        files = List.copyOf(files);
    }

    /** Overwrites every plaintext; the plan is useless afterwards. */
    public void wipe() {
        for (PlannedFile f : files) {
            if (f.content() instanceof Content.Ready r) {
                Arrays.fill(r.bytes(), (byte) 0);
            }
        }
    }
}
