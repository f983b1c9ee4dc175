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

    @BeforeAll
    static void install() throws Exception {
        SopsAgeCheck.install();
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

        List<Value> results = SopsAgeCheck.decrypt(List.of(y, j, e), List.of("yaml", "json", "env"));

        String[] inputs = {YAML, JSON, DOTENV};
        Format[] formats = {Format.YAML, Format.JSON, Format.DOTENV};
        byte[][] encrypted = {y, j, e};
        for (int i = 0; i < inputs.length; i++) {
            Mapping ours = formats[i].store().loadPlain(inputs[i].getBytes(StandardCharsets.UTF_8), "plain").branches().getFirst();
            Mapping theirs = (Mapping) results.get(i);
            Mapping oursAsJson = JsonReader.parseObject(JsonWriter.write(ours).getBytes(StandardCharsets.UTF_8), "ours");
            assertEquals(JsonWriter.write(oursAsJson), JsonWriter.write(theirs), formats[i] + " values differ");
            Sops.SopsFile sf = Sops.load("f", encrypted[i], formats[i]);
            assertEquals(SopsAgeCheck.storedMac(sf, AgeCli.source(Vectors.sopsNix("age-keys.txt"))), SopsAgeCheck.recomputeMac(theirs), formats[i] + " MAC");
        }
    }
}
