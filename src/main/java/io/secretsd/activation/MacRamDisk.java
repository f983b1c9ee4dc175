package io.secretsd.activation;

import io.secretsd.platform.Programs;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The macOS secrets file system, made as sops-install-secrets makes it on darwin: macOS has no ramfs, so a
 * 64 MiB RAM disk is attached ({@code hdiutil attach -nomount ram://131072}), formatted
 * ({@code newfs_hfs -s}) and mounted hidden from Finder, without devices or set-id
 * ({@code mount -t hfs -o nobrowse,nodev,nosuid,-m=0751}). macOS offers no documented test for "this is
 * a RAM disk", so a marker file at the root of the new file system says it is mounted; the name is
 * sops-nix's, so a machine moving between the two tools does not stack a second disk on the first.
 * Unlike sops-install-secrets, a disk whose formatting or mounting failed is detached, not left
 * holding 64 MiB of memory. It is mounted in user mode too, as on darwin the user may attach RAM disks.
 */
public final class MacRamDisk implements Mounter {
    static final String MARKER = "sops-nix-secretfs";
    static final int MEGABYTES = 64;
    static final int SECTORS = MEGABYTES * 1024 * 1024 / 512;
    private static final Pattern DEVICE = Pattern.compile("/dev/disk[0-9]+");

    private final Programs programs;

    public MacRamDisk(Programs programs) {
        this.programs = programs;
    }

    @Override
    public void ensureMounted(Path mountPoint, boolean useTmpfs) throws IOException {
        if (SecureFiles.exists(mountPoint.resolve(MARKER))) {
            return;
        }
        String ram = "ram://" + SECTORS;
        Programs.Output attach = programs.run("hdiutil", "attach", "-nomount", ram);
        if (!attach.ok()) {
            throw new IOException("cannot attach a " + MEGABYTES + " MiB RAM disk: hdiutil attach -nomount " + ram
                    + " " + attach.failure());
        }
        String device = attach.stdout().strip();
        if (!DEVICE.matcher(device).matches()) {
            throw new IOException("cannot attach a " + MEGABYTES + " MiB RAM disk: hdiutil attach printed "
                    + (device.isEmpty() ? "no device" : "no /dev/diskN device"));
        }
        step(device, "cannot create an HFS+ file system on " + device + ": ", "newfs_hfs", "-s", device);
        step(device, "cannot mount " + device + " at " + mountPoint + ": ", "mount", "-t", "hfs", "-o",
                "nobrowse,nodev,nosuid,-m=0751", device, mountPoint.toString());
        try {
            Files.newByteChannel(mountPoint.resolve(MARKER), Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)).close();
        } catch (FileAlreadyExistsException e) {
            // another activation got there first: mounted all the same
        } catch (IOException e) {
            throw new IOException("cannot create the marker file " + mountPoint.resolve(MARKER) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean mountsInUserMode() {
        return true;
    }

    /** Runs one step on the attached disk; when it fails, detaches the disk and says why. */
    private void step(String device, String what, String program, String... args) throws IOException {
        String error;
        try {
            Programs.Output out = programs.run(program, args);
            if (out.ok()) {
                return;
            }
            error = what + program + " " + out.failure();
        } catch (IOException e) {
            error = what + e.getMessage();
        }
        throw detached(device, error);
    }

    /** Detaches the disk, keeping the first error; a detach failure is added to the message. */
    private IOException detached(String device, String error) {
        String extra;
        try {
            Programs.Output detach = programs.run("hdiutil", "detach", device);
            extra = detach.ok() ? "" : "; hdiutil detach " + device + " " + detach.failure();
        } catch (IOException e) {
            extra = "; hdiutil detach " + device + ": " + e.getMessage();
        }
        return new IOException(error + extra);
    }
}
