package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code age} binary (Debian's), as an independent age implementation for tests. */
final class AgeCli {
    private AgeCli() {}

    static String binary() {
        for (String p : List.of("/usr/bin/age", "/usr/local/bin/age")) if (Files.isExecutable(Path.of(p))) return p;
        fail("the age binary is needed (apt-get install -y age)");
        return null;
    }

    static byte[] run(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (var os = p.getOutputStream()) {
            os.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IOException("age timed out");
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        if (p.exitValue() != 0) throw new IOException("age failed: " + err.strip());
        return out;
    }

    /** A fresh identity file from age-keygen. */
    static String keygen() throws IOException {
        List<String> cmd = List.of(binary() + "-keygen");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** A source that opens age entries with {@code age -d -i identityFile}. */
    static DataKeySource source(Path identityFile) {
        return new KeySources(key -> {
            try {
                return run(key.enc().getBytes(StandardCharsets.US_ASCII), "-d", "-i", identityFile.toString());
            } catch (IOException e) {
                throw new KeyUnwrapException(e.getMessage().contains("no identity matched") ? "no identity matches" : e.getMessage());
            }
        }, null);
    }

    /** A wrapper that encrypts to an age recipient with {@code age -a -r}. */
    static DataKeys.KeyWrapper wrapper(String recipient) {
        return part -> new MasterKey.AgeKey(recipient, new String(run(part, "-a", "-r", recipient), StandardCharsets.US_ASCII));
    }
}
