package io.secretsd.cli;

import io.secretsd.sops.Sops;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sops exec-file FILE COMMAND}: {@code {}} in COMMAND replaced by a path to the plaintext, a FIFO by
 * default (the plaintext passes once, never stored) or with {@code --no-fifo} a 0600 file, both in a fresh
 * 0700 directory in memory that is removed when the command ends.
 */
@Command(name = "exec-file", mixinStandardHelpOptions = true,
        description = "Run COMMAND (with /bin/sh -c) with {} replaced by a path to the decrypted file (a FIFO unless --no-fifo).")
final class SopsExecFile implements Callable<Integer> {
    static final String FALLBACK_NAME = "tmp-file";

    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Mixin
    ExecOptions exec;

    @Option(names = "--no-fifo", description = "a regular 0600 file instead of a FIFO")
    boolean noFifo;

    @Option(names = "--filename", paramLabel = "NAME", description = "the file's name (default: " + FALLBACK_NAME + ")")
    String filename;


    @Override
    public Integer call() throws Exception {
        exec.checkArgs();
        if (filename != null && (filename.isEmpty() || filename.contains("/") || filename.equals("..") || filename.equals("."))) {
            throw new UsageException("--filename " + filename + ": the provided filename is not a local path");
        }
        if (exec.background && noFifo) {
            throw new UsageException("--background needs the FIFO: with --no-fifo the file would be removed before COMMAND reads it");
        }
        SopsTarget t = SopsTarget.of(exec.file(), sops, false);
        RunAs runAs = exec.runAs();
        byte[] plain;
        try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), exec.ignoreMac)) {
            plain = t.emit().store().emitPlain(d.document());
        }
        try (EditorScratch scratch = runAs == null ? EditorScratch.create() : EditorScratch.createShared()) {
            Path file;
            Thread writer = null;
            if (noFifo) {
                file = scratch.write(filename != null ? filename : FALLBACK_NAME + Long.toUnsignedString(System.nanoTime(), 36), plain);
                Arrays.fill(plain, (byte) 0);
            } else {
                file = scratch.dir().resolve(filename != null ? filename : FALLBACK_NAME);
                mkfifo(file);
                writer = fifoWriter(file, plain);
            }
            if (runAs != null) {
                runAs.own(scratch.dir());
                runAs.own(file);
            }
            String command = exec.command().replace("{}", file.toString());
            Process p = ExecRun.start(ExecRun.shell(command, runAs), runAs, exec.background);
            if (exec.background) {
                // the plaintext goes once the command has read the FIFO (or ended without reading it)
                while (writer.isAlive() && p.isAlive()) writer.join(100);
            }
            int status = exec.background ? 0 : ExecRun.waitFor(p);
            if (writer != null && writer.isAlive()) {
                // The command may never have opened the FIFO, leaving the writer blocked in open(2). Opening it
                // read-write never blocks on Linux (a read-only open would, forever, if the writer had finished
                // just after isAlive()); closing it then leaves the writer no reader, so its write fails and it ends.
                try (var unblock = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    writer.join(100);
                }
                writer.join(5_000);
            }
            return status;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process m = new ProcessBuilder("mkfifo", "-m", "600", p.toString()).redirectErrorStream(true).start();
        String out = new String(m.getInputStream().readAllBytes());
        if (m.waitFor() != 0) throw new IOException(p + ": could not create the FIFO: " + out.strip());
    }

    /** Writes the plaintext once, to the first reader that opens the FIFO (as sops does). */
    private static Thread fifoWriter(Path fifo, byte[] plain) {
        Thread t = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(plain);
            } catch (IOException e) {
                // the reader went away early: nothing to do
            }
        }, "exec-file-fifo");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
