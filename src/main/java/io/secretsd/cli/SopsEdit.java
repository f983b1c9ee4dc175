package io.secretsd.cli;

import io.secretsd.sops.Document;
import io.secretsd.sops.Emit;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import io.secretsd.sops.SopsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sops edit FILE} (and the bare {@code secretsctl FILE}): the plaintext in an editor, then encrypted back
 * with the same data key, so values left alone keep their ciphertext. A new file gets the keys of its creation
 * rule. Nothing is written when nothing changed (sops' status 200); an edit that no longer parses is offered
 * again on a terminal and otherwise fails, the file untouched.
 */
@Command(name = "edit", mixinStandardHelpOptions = true, description = "Edit a sops file in $SOPS_EDITOR, $EDITOR, vim, nano or vi; a new file is created with its creation rule.")
final class SopsEdit implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Mixin
    RecipientOptions recipients;

    @Option(names = "--ignore-mac", description = "do not verify the MAC")
    boolean ignoreMac;

    @Option(names = {"-s", "--show-master-keys"}, hidden = true, description = "not supported: the key groups are not editable here")
    boolean showMasterKeys;

    @Parameters(paramLabel = "FILE", description = "the sops file to edit (created if it does not exist)")
    String file;

    @Override
    public Integer call() throws Exception {
        if (SopsTarget.isStdin(file)) throw new SopsExit(SopsExit.NO_FILE, "no file specified");
        Path path = Path.of(file);
        SopsTarget t = SopsTarget.at(path, sops);
        Format format = t.inputFormat();
        Emit emit = t.emit(format);
        List<String> editor = Editor.command();
        if (Files.exists(path)) {
            try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), ignoreMac)) {
                byte[] plain = emit.store().emitPlain(d.document());
                Document edited = edit(t, path, format, plain, editor);
                if (edited == null) throw new SopsExit(SopsExit.NOT_MODIFIED, t.name() + ": file has not changed, exiting");
                SopsFiles.write(path, Sops.reencrypt(d, edited, emit));
            }
        } else {
            var opts = recipients.resolve(t, keys.gnupgHome);
            Document edited = edit(t, path, format, new byte[0], editor);
            if (edited == null) throw new SopsExit(SopsExit.NOT_MODIFIED, t.name() + ": file has not changed, exiting");
            SopsFiles.write(path, Sops.encryptDocument(t.name(), edited, format == Format.BINARY, emit, opts));
        }
        return Cli.OK;
    }

    /** The edited tree, or null when the editor left the bytes as they were. {@code plain} is wiped. */
    private Document edit(SopsTarget t, Path path, Format format, byte[] plain, List<String> editor) throws IOException, InterruptedException {
        try (EditorScratch scratch = EditorScratch.create()) {
            Path tmp = scratch.write(path.getFileName().toString(), plain);
            while (true) {
                Editor.run(editor, tmp);
                byte[] edited = Files.readAllBytes(tmp);
                try {
                    if (Arrays.equals(edited, plain)) return null;
                    return format.store().loadPlain(edited, t.name());
                } catch (SopsException e) {
                    if (!Editor.interactive()) throw new IOException(t.name() + ": the edited file does not parse, nothing written: " + e.getMessage());
                    System.err.println("secretsctl: " + e.getMessage());
                    System.err.print("Press Enter to return to the editor, or Ctrl+C to exit without saving.");
                    System.err.flush();
                    if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
                        throw new IOException(t.name() + ": the edited file does not parse, nothing written");
                    }
                } finally {
                    Arrays.fill(edited, (byte) 0);
                }
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** sops' editor choice and how it is run. */
    static final class Editor {
        private Editor() {}

        static List<String> command() {
            for (String var : List.of("SOPS_EDITOR", "EDITOR")) {
                String v = System.getenv(var);
                if (v != null && !v.isBlank()) {
                    List<String> words = io.secretsd.sops.KeyCommand.words(v);
                    if (words.isEmpty()) throw new SopsExit(SopsExit.NO_EDITOR, "invalid $" + var);
                    return words;
                }
            }
            for (String name : List.of("vim", "nano", "vi")) {
                for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                    Path p = Path.of(dir, name);
                    if (Files.isExecutable(p)) return List.of(p.toString());
                }
            }
            throw new SopsExit(SopsExit.NO_EDITOR, "no editor available: set $SOPS_EDITOR or $EDITOR, or install vim, nano or vi");
        }

        static void run(List<String> editor, Path file) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(editor);
            cmd.add(file.toString());
            Process p;
            try {
                p = new ProcessBuilder(cmd).inheritIO().start();
            } catch (IOException e) {
                throw new SopsExit(SopsExit.NO_EDITOR, "could not run editor " + editor.getFirst() + ": " + e.getMessage());
            }
            int status = p.waitFor();
            if (status != 0) throw new IOException("editor " + editor.getFirst() + " exited with status " + status + ", nothing written");
        }

        static boolean interactive() {
            var c = System.console();
            return c != null && c.isTerminal();
        }
    }
}
