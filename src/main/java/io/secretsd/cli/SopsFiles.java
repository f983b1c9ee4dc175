package io.secretsd.cli;

import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import io.secretsd.sops.SopsException;
import java.io.IOException;
import java.nio.file.Path;

/** What the sops verbs share: opening a target's encrypted file, telling whether a file is encrypted, writing. */
final class SopsFiles {
    private SopsFiles() {}

    /** True when {@code content} parses as an encrypted file of {@code format} (it carries sops metadata). */
    static boolean looksEncrypted(byte[] content, Format format, String name) {
        if (format == Format.BINARY) return false;
        try {
            Sops.load(name, content, format);
            return true;
        } catch (SopsException e) {
            return false;
        }
    }

    static Sops.SopsFile load(SopsTarget t) throws IOException {
        return Sops.load(t.name(), t.read(), t.inputFormat());
    }

    static Sops.Decrypted open(SopsTarget t, DataKeySource keys, boolean ignoreMac) throws IOException {
        return Sops.decrypt(load(t), keys, ignoreMac);
    }

    /** Writes {@code content} to {@code target} (replaced atomically, 0600 while written) or stdout when null. */
    static void write(Path target, byte[] content) throws IOException {
        try (OutputFile o = OutputFile.open(target)) {
            o.stream().write(content);
            o.commit();
        }
    }
}
