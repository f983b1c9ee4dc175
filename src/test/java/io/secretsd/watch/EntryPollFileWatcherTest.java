package io.secretsd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every {@link FileWatcherTest} again with the watch service unused and the entries polled, as on macOS
 * (whose JDK watch service only polls): the same changes must be seen, the same non-changes not reported.
 */
class EntryPollFileWatcherTest extends FileWatcherTest {
    @Override
    WatchOptions options(WatchOptions base) {
        return base.withPollInterval(Duration.ofMillis(50));
    }

    @Test
    void macOsDefaultsPoll() {
        assertEquals(WatchOptions.MACOS_POLL, WatchOptions.defaults(io.secretsd.platform.Platform.MACOS).pollInterval());
        assertEquals(Duration.ZERO, WatchOptions.defaults(io.secretsd.platform.Platform.LINUX).pollInterval());
    }

    @Test
    void onlyTheFilesOwnEntriesAreLookedAt() throws Exception {
        Path file = Files.writeString(tmp.resolve("secrets.yaml"), "a: 1\n");
        EntryPoll poll = new EntryPoll();
        assertEquals(Set.of(file), poll.changed(List.of(file)), "a file not seen before is a candidate");
        for (int i = 0; i < 100; i++) {
            Files.writeString(tmp.resolve("other" + i), "x"); // a busy directory (as /nix/store) costs nothing
        }
        assertEquals(Set.of(), poll.changed(List.of(file)));
        Files.writeString(file, "a: 22\n");
        assertEquals(Set.of(file), poll.changed(List.of(file)));
        Files.delete(file);
        assertEquals(Set.of(file), poll.changed(List.of(file)));
        assertEquals(Set.of(), poll.changed(List.of(file)));
    }
}
