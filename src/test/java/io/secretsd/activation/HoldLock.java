package io.secretsd.activation;

import java.nio.file.Path;

/** Run by {@link MountLockTest} as a separate process: holds the lock of a mount point until killed. */
public final class HoldLock {
    public static void main(String[] args) throws Exception {
        try (MountLock ignored = MountLock.acquire(Path.of(args[0]), MountLock.WAIT)) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
