package io.secretsd.sops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * sops' {@code SOPS_AGE_KEY_CMD} and {@code SOPS_AGE_SSH_PRIVATE_KEY_CMD}: a command, split into words as a shell
 * would (no shell runs it), whose standard output is key material. The caller wipes the bytes.
 */
public final class KeyCommand {
    private KeyCommand() {}

    /** Runs {@code command} with {@code extraEnv} added; its stdout, or an error naming the variable. */
    static byte[] run(String variable, String command, Map<String, String> extraEnv) throws IOException {
        List<String> words = words(command);
        if (words.isEmpty()) throw new IOException(variable + ": empty command");
        ProcessBuilder pb = new ProcessBuilder(words).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(variable + ": could not run " + words.getFirst() + ": " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(variable + ": " + words.getFirst() + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(variable + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            java.util.Arrays.fill(out, (byte) 0);
            throw new IOException(variable + ": " + words.getFirst() + " exited with status " + p.exitValue());
        }
        return out;
    }

    /** Words as a POSIX shell splits them: single and double quotes, backslash escapes; no expansion. */
    public static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < s.length()) w.append(s.charAt(++i));
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(w.toString());
        return out;
    }
}
