package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.MacStandIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands darwin.go runs, in its order and with its arguments, against stand-ins; each step's failure. */
class MacRamDiskTest {
    // What sops-install-secrets' darwin.go runs for a 64 MB disk (131072 sectors of 512 bytes).
    private static final String ATTACH = "hdiutil attach -nomount ram://131072";
    private static final String NEWFS = "newfs_hfs -s " + MacStandIns.DEVICE;
    private static final String DETACH = "hdiutil detach " + MacStandIns.DEVICE;

    @TempDir
    Path tmp;

    private MacStandIns mac;
    private Path mp;
    private MacRamDisk disk;

    @BeforeEach
    void standIns() throws IOException {
        mac = new MacStandIns(tmp, tmp.resolve("T"));
        mp = Files.createDirectory(tmp.resolve("secrets.d"));
        disk = new MacRamDisk(mac.programs());
    }

    private String mount() {
        return "mount -t hfs -o nobrowse,nodev,nosuid,-m=0751 " + MacStandIns.DEVICE + " " + mp;
    }

    @Test
    void attachesFormatsMountsAndMarksOnce() throws IOException {
        disk.ensureMounted(mp, false);
        assertEquals(List.of(ATTACH, NEWFS, mount()), mac.calls());
        assertTrue(Files.isRegularFile(mp.resolve("sops-nix-secretfs")), "the marker sops-nix looks for");

        mac.clearCalls();
        disk.ensureMounted(mp, true);
        assertEquals(List.of(), mac.calls(), "a marked mount point is mounted already");
        assertTrue(disk.mountsInUserMode(), "darwin mounts the RAM disk in user mode too");
    }

    @Test
    void attachFailing() throws IOException {
        mac.fail("hdiutil", "attach", 1, "hdiutil: attach failed - Resource temporarily unavailable");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot attach a 64 MiB RAM disk: " + ATTACH
                + " exited with 1: hdiutil: attach failed - Resource temporarily unavailable", e.getMessage());
        assertEquals(List.of(ATTACH), mac.calls());
        assertFalse(Files.exists(mp.resolve("sops-nix-secretfs")));
    }

    @Test
    void attachPrintingNoDevice() throws IOException {
        mac.answer("hdiutil", "echo");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot attach a 64 MiB RAM disk: hdiutil attach printed no device", e.getMessage());
        mac.answer("hdiutil", "echo 'hdiutil: attach: WARNING: something'");
        e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot attach a 64 MiB RAM disk: hdiutil attach printed no /dev/diskN device", e.getMessage());
        assertEquals(List.of(ATTACH, ATTACH), mac.calls(), "nothing formatted or mounted");
    }

    @Test
    void newfsFailingDetachesTheDisk() throws IOException {
        mac.fail("newfs_hfs", null, 1, "newfs_hfs: /dev/disk4: Resource busy");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot create an HFS+ file system on /dev/disk4: newfs_hfs exited with 1: "
                + "newfs_hfs: /dev/disk4: Resource busy", e.getMessage());
        assertEquals(List.of(ATTACH, NEWFS, DETACH), mac.calls());
        assertFalse(Files.exists(mp.resolve("sops-nix-secretfs")));
    }

    @Test
    void mountFailingDetachesTheDisk() throws IOException {
        mac.fail("mount", null, 71, "mount_hfs: Operation not permitted");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot mount /dev/disk4 at " + mp + ": mount exited with 71: mount_hfs: Operation not permitted",
                e.getMessage());
        assertEquals(List.of(ATTACH, NEWFS, mount(), DETACH), mac.calls());
        assertFalse(Files.exists(mp.resolve("sops-nix-secretfs")));
    }

    @Test
    void detachFailingToo() throws IOException {
        mac.fail("mount", null, 1, "mount_hfs: Invalid argument")
                .fail("hdiutil", "detach", 16, "hdiutil: detach failed - Resource busy");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertEquals("cannot mount /dev/disk4 at " + mp + ": mount exited with 1: mount_hfs: Invalid argument; "
                + "hdiutil detach /dev/disk4 exited with 16: hdiutil: detach failed - Resource busy", e.getMessage());
    }

    @Test
    void markerFailing() throws IOException {
        // A mount that leaves no directory behind: the marker cannot be created.
        mac.answer("mount", "rmdir \"$6\"");
        IOException e = assertThrows(IOException.class, () -> disk.ensureMounted(mp, false));
        assertTrue(e.getMessage().startsWith("cannot create the marker file " + mp.resolve("sops-nix-secretfs") + ": "),
                e.getMessage());
        assertEquals(List.of(ATTACH, NEWFS, mount()), mac.calls());
    }

    @Test
    void missingProgram() throws IOException {
        Files.delete(mac.bin().resolve("newfs_hfs"));
        MacRamDisk onlyStandIns = new MacRamDisk(new io.secretsd.platform.Programs(List.of(mac.bin()),
                java.time.Duration.ofSeconds(30)));
        IOException e = assertThrows(IOException.class, () -> onlyStandIns.ensureMounted(mp, false));
        assertEquals("cannot create an HFS+ file system on /dev/disk4: newfs_hfs not found on PATH", e.getMessage());
        assertEquals(List.of(ATTACH, DETACH), mac.calls());
    }
}
