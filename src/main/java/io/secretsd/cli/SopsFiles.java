package io.secretsd.cli;

import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import io.secretsd.sops.SopsException;
import io.secretsd.sops.SopsFormatException;
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
        byte[] content = t.read();
        try {
            return Sops.load(t.name(), content, t.inputFormat());
        } catch (SopsFormatException e) {
            if (!t.formatGuessed()) throw e;
            // binary was only a guess from a name without a known extension: say so, and how to name another
            throw new SopsFormatException(t.name() + ": not a sops binary file: the name has no .yaml, .json, .env or"
                    + " .ini extension, so the binary format (sops JSON) was assumed"
                    + (looksLikeYaml(content) ? "; it looks like YAML: give --input-type yaml"
                    : "; name the format with --input-type yaml, json, dotenv or ini"));
        }
    }

    /** A sops YAML file has a top-level {@code sops:} key; JSON would start with a brace. */
    private static boolean looksLikeYaml(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 1 << 16), java.nio.charset.StandardCharsets.UTF_8);
        return !head.stripLeading().startsWith("{") && head.lines().anyMatch(l -> l.equals("sops:"));
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
