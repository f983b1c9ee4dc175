package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.secretsd.sops.Mapping.Field;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent check: files this package encrypts to an age recipient are decrypted by the npm package
 * {@code sops-age} (another author's decoder) to the same values, and the MAC recomputed here from the values
 * sops-age returned matches the one in the file.
 */
class SopsAgeInteropTest {
    private static final String RECIPIENT = "age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw";
    private static final Path NPM_DIR = Path.of("target", "npm-sops-age");
    private static String secretKey;

    @BeforeAll
    static void install() throws Exception {
        for (String tool : List.of("node", "npm")) {
            if (run(Path.of("."), null, "sh", "-c", "command -v " + tool).exitCode != 0) fail(tool + " is needed for the sops-age interop test (apt-get install nodejs npm)");
        }
        // installed once per build directory; later runs reuse it
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
        secretKey = m.group();
    }

    private record Result(int exitCode, String stdout, String stderr) {}

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

    private static final String YAML = """
            # top comment
            string: hello world
            unicode: "ünïcödé ✓ 中文"
            multi: |
                line one
                line two
            int: 42
            negative: -7
            float: 2.5
            bool: true
            empty: ""
            nothing: null
            list:
                - a
                - 1
                - false
                - nested: value
            map:
                deep:
                    deeper: x
            public_unencrypted: plain text
            """;

    private static final String JSON = """
            {"string": "hello <&> world", "int": 12345678901, "float": -0.125, "bool": false,
             "list": ["x", {"k": "v"}, [1, 2]], "map": {"a": {"b": "c"}}, "empty": "", "nothing": null,
             "tag_unencrypted": "clear"}
            """;

    private static final String DOTENV = "# comment\nUSER=admin\nPASSWORD=s3cr=t\nMULTI=a\\nb\nEMPTY=\n";

    @Test
    void sopsAgeDecryptsWhatWeEncrypt() throws Exception {
        // this project's age encrypts the data key; sops-age brings its own age implementation to open it
        EncryptOptions opts = EncryptOptions.to(List.of(AgeKeyWrapper.of(RECIPIENT)));
        byte[] y = Sops.encrypt("t.yaml", YAML.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, opts);
        byte[] j = Sops.encrypt("t.json", JSON.getBytes(StandardCharsets.UTF_8), Format.JSON, Format.JSON, opts);
        byte[] e = Sops.encrypt("t.env", DOTENV.getBytes(StandardCharsets.UTF_8), Format.DOTENV, Format.DOTENV, opts);

        StringBuilder req = new StringBuilder("{\"key\":\"").append(secretKey).append("\",\"files\":[");
        String[][] files = {{new String(y, StandardCharsets.UTF_8), "yaml"}, {new String(j, StandardCharsets.UTF_8), "json"}, {new String(e, StandardCharsets.UTF_8), "env"}};
        for (int i = 0; i < files.length; i++) {
            if (i > 0) req.append(',');
            req.append("{\"content\":").append(JsonWriter.write(Scalar.str(files[i][0]))).append(",\"type\":\"").append(files[i][1]).append("\"}");
        }
        req.append("]}");
        Result r = run(NPM_DIR, req.toString().getBytes(StandardCharsets.UTF_8), "node", "decrypt.mjs");
        if (r.exitCode != 0) fail("sops-age failed: " + r.stderr);
        Sequence results = (Sequence) JsonReader.parseObject(("{\"r\":" + r.stdout + "}").getBytes(StandardCharsets.UTF_8), "node").get("r");

        String[] inputs = {YAML, JSON, DOTENV};
        Format[] formats = {Format.YAML, Format.JSON, Format.DOTENV};
        byte[][] encrypted = {y, j, e};
        for (int i = 0; i < inputs.length; i++) {
            Mapping ours = formats[i].store().loadPlain(inputs[i].getBytes(StandardCharsets.UTF_8), "plain").branches().getFirst();
            Mapping theirs = (Mapping) results.items().get(i);
            Mapping oursAsJson = JsonReader.parseObject(JsonWriter.write(ours).getBytes(StandardCharsets.UTF_8), "ours");
            assertEquals(JsonWriter.write(oursAsJson), JsonWriter.write(theirs), formats[i] + " values differ");
            assertEquals(storedMac(encrypted[i], formats[i]), recomputeMac(theirs), formats[i] + " MAC");
        }
    }

    /** The MAC over sops-age's values, computed here from the format notes (not with TreeCrypto). */
    private static String recomputeMac(Mapping values) throws Exception {
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

    /** The MAC stored in the file, opened with the age binary and AES-GCM directly. */
    private static String storedMac(byte[] file, Format f) throws Exception {
        Sops.SopsFile sf = Sops.load("f", file, f);
        byte[] key = AgeCli.source(Vectors.sopsNix("age-keys.txt")).open(sf.metadata().keyGroups().getFirst().keys().getFirst());
        var t = java.time.OffsetDateTime.parse(sf.metadata().lastModified());
        String aad = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        return new String(ValueCipher.decrypt(sf.metadata().mac(), key, aad, "mac").plaintext(), StandardCharsets.US_ASCII);
    }
}
