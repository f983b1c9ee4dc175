package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.secretsd.sops.Mapping.Field;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens sops files with npm's {@code sops-age} (another author's decoder, installed once per build directory)
 * and checks that it finds the values this project finds, and that the MAC recomputed here from sops-age's
 * values is the one stored in the file. Files must be encrypted to the vectors' age key.
 */
public final class SopsAgeCheck {
    private static final Path NPM_DIR = Path.of("target", "npm-sops-age");

    private SopsAgeCheck() {}

    public record Result(int exitCode, String stdout, String stderr) {}

    /** Installs sops-age (once) and returns the vectors' age secret key. */
    public static synchronized String install() throws IOException, InterruptedException {
        for (String tool : List.of("node", "npm")) {
            if (run(Path.of("."), null, "sh", "-c", "command -v " + tool).exitCode != 0) fail(tool + " is needed for the sops-age interop test (apt-get install nodejs npm)");
        }
        if (!Files.isDirectory(NPM_DIR.resolve("node_modules/sops-age"))) {
            Files.createDirectories(NPM_DIR);
            Files.writeString(NPM_DIR.resolve("package.json"), "{\"name\":\"sops-age-check\",\"private\":true,\"type\":\"module\"}\n");
            Result r = run(NPM_DIR, null, "npm", "install", "--no-audit", "--no-fund", "sops-age@4");
            if (r.exitCode != 0) fail("npm install sops-age failed: " + r.stderr);
        }
        Files.writeString(NPM_DIR.resolve("decrypt.mjs"), """
                import { decryptSops } from "sops-age";
                import { readFileSync } from "node:fs";
                const req = JSON.parse(readFileSync(0, "utf8"));
                const out = [];
                for (const f of req.files) out.push(await decryptSops(f.content, { secretKey: req.key, fileType: f.type }));
                process.stdout.write(JSON.stringify(out));
                """);
        Matcher m = Pattern.compile("AGE-SECRET-KEY-1[0-9A-Z]+").matcher(new String(Vectors.read("age-keys.txt"), StandardCharsets.US_ASCII));
        if (!m.find()) fail("no identity in age-keys.txt");
        return m.group();
    }

    /** sops-age's values of each file (encrypted YAML, JSON or dotenv), in order. */
    public static List<Value> decrypt(List<byte[]> files, List<String> types) throws IOException, InterruptedException {
        String key = install();
        StringBuilder req = new StringBuilder("{\"key\":\"").append(key).append("\",\"files\":[");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) req.append(',');
            req.append("{\"content\":").append(JsonWriter.write(Scalar.str(new String(files.get(i), StandardCharsets.UTF_8))))
                    .append(",\"type\":\"").append(types.get(i)).append("\"}");
        }
        req.append("]}");
        Result r = run(NPM_DIR, req.toString().getBytes(StandardCharsets.UTF_8), "node", "decrypt.mjs");
        if (r.exitCode != 0) fail("sops-age failed: " + r.stderr);
        return ((Sequence) JsonReader.parseObject(("{\"r\":" + r.stdout + "}").getBytes(StandardCharsets.UTF_8), "node").get("r")).items();
    }

    /**
     * Every file opens with sops-age to the values this project decrypts, and its stored MAC equals the one
     * recomputed from sops-age's values. Files are YAML, JSON or dotenv by their names.
     */
    public static void assertOpens(List<Path> paths) throws Exception {
        List<byte[]> contents = new java.util.ArrayList<>();
        List<String> types = new java.util.ArrayList<>();
        for (Path p : paths) {
            contents.add(Files.readAllBytes(p));
            types.add(switch (Format.fromFileName(p.toString())) {
                case YAML -> "yaml";
                case JSON -> "json";
                case DOTENV -> "env";
                default -> throw new IllegalArgumentException(p + ": sops-age reads YAML, JSON and dotenv only");
            });
        }
        List<Value> theirs = decrypt(contents, types);
        DataKeySource keys = AgeCli.source(Vectors.sopsNix("age-keys.txt"));
        for (int i = 0; i < paths.size(); i++) {
            Format f = Format.fromFileName(paths.get(i).toString());
            Sops.SopsFile sf = Sops.load(paths.get(i).toString(), contents.get(i), f);
            try (Sops.Decrypted d = Sops.decrypt(sf, keys, false)) {
                Mapping ours = JsonReader.parseObject(JsonWriter.write(d.document().branches().getFirst()).getBytes(StandardCharsets.UTF_8), "ours");
                assertEquals(JsonWriter.write(ours), JsonWriter.write(theirs.get(i)), paths.get(i) + ": sops-age's values differ");
            }
            assertEquals(storedMac(sf, keys), recomputeMac((Mapping) theirs.get(i)), paths.get(i) + ": MAC recomputed from sops-age's values");
        }
    }

    /** The MAC over sops-age's values, computed here from the format notes (not with TreeCrypto). */
    static String recomputeMac(Mapping values) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        feed(sha, values);
        return HexFormat.of().withUpperCase().formatHex(sha.digest());
    }

    private static void feed(MessageDigest sha, Value v) {
        switch (v) {
            case Mapping m -> { for (Field f : m.fields()) feed(sha, f.value()); }
            case Sequence q -> q.items().forEach(x -> feed(sha, x));
            case Scalar s -> {
                String t = switch (s.type()) {
                    case BOOL -> s.boolValue() ? "True" : "False";
                    case FLOAT -> new java.math.BigDecimal(Double.toString(s.doubleValue())).stripTrailingZeros().toPlainString();
                    default -> s.text();
                };
                sha.update(t.getBytes(StandardCharsets.UTF_8));
            }
            default -> { }
        }
    }

    /** The MAC stored in the file, opened with the data key the age binary recovers and AES-GCM directly. */
    static String storedMac(Sops.SopsFile sf, DataKeySource keys) throws Exception {
        byte[] key = DataKeys.recover(sf.metadata(), keys, "mac");
        var t = java.time.OffsetDateTime.parse(sf.metadata().lastModified());
        String aad = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        return new String(ValueCipher.decrypt(sf.metadata().mac(), key, aad, "mac").plaintext(), StandardCharsets.US_ASCII);
    }

    private static Result run(Path dir, byte[] stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        try (var os = p.getOutputStream()) {
            if (stdin != null) os.write(stdin);
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
